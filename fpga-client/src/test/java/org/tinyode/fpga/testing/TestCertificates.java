package org.tinyode.fpga.testing;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * TEST ONLY: certificates generated at test time with BouncyCastle (EC P-256, valid for one day): a CA, a server
 * certificate for 127.0.0.1/localhost, client certificates. Written as PEM files (certificates X.509, keys
 * PKCS#8) into a directory.
 */
public final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A CA: its certificate file and the key that signs. */
  public record Ca(Path certPem, KeyPair keys, X500Name name) {}

  /** A leaf certificate and its key file. */
  public record Leaf(Path certPem, Path keyPem) {}

  private TestCertificates() {}

  public static Ca ca(Path dir, String cn) throws Exception {
    KeyPair kp = ecKeys();
    X500Name name = new X500Name("CN=" + cn);
    JcaX509v3CertificateBuilder b = builder(name, name, kp);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    X509Certificate cert = sign(b, kp);
    Path file = dir.resolve(cn.replace(' ', '-') + "-ca.pem");
    writePem(file, cert);
    return new Ca(file, kp, name);
  }

  public static Leaf server(Path dir, Ca ca) throws Exception {
    return leaf(dir, ca, "tinyode-board", KeyPurposeId.id_kp_serverAuth, true);
  }

  public static Leaf client(Path dir, Ca ca, String cn) throws Exception {
    return leaf(dir, ca, cn, KeyPurposeId.id_kp_clientAuth, false);
  }

  private static Leaf leaf(Path dir, Ca ca, String cn, KeyPurposeId purpose, boolean loopbackNames)
      throws Exception {
    KeyPair kp = ecKeys();
    JcaX509v3CertificateBuilder b = builder(ca.name(), new X500Name("CN=" + cn), kp);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    if (loopbackNames) {
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
    }
    X509Certificate cert = sign(b, ca.keys());
    Path certFile = dir.resolve(cn + ".crt.pem");
    Path keyFile = dir.resolve(cn + ".key.pem");
    writePem(certFile, cert);
    writePem(keyFile, new JcaPKCS8Generator(kp.getPrivate(), null).generate());
    return new Leaf(certFile, keyFile);
  }

  private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair kp) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject, kp.getPublic());
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair signer) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }

  private static KeyPair ecKeys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static void writePem(Path file, Object o) throws IOException {
    try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(o);
    }
  }
}
