/**
 * Transport security of the board protocol: TLS credentials (server certificate, optional mutual TLS), the
 * bearer token read from a file, the server interceptor that checks it on every call and the client call
 * credentials that send it (only over a private channel).
 */
package org.tinyode.fpga.security;
