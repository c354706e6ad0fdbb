package org.tinyode.model.spec;

/** The software classifier (CPU, float32): {@code pool} ("global-avg") then a fully connected layer to the classes. */
public record HeadSpec(String pool, String device) {

  void validate(String path) {
    if (!"global-avg".equals(pool)) {
      throw new SpecException(path + ".pool", "must be \"global-avg\", got " + Validation.quote(pool));
    }
    Validation.device(path + ".device", device, "cpu");
  }
}
