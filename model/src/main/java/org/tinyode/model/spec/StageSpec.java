package org.tinyode.model.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One FPGA stage of the backbone; JSON objects carry {@code "type"}: odeblock, transition or mhsa. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = OdeBlockSpec.class, name = "odeblock"),
    @JsonSubTypes.Type(value = TransitionSpec.class, name = "transition"),
    @JsonSubTypes.Type(value = MhsaSpec.class, name = "mhsa")
})
public sealed interface StageSpec permits OdeBlockSpec, TransitionSpec, MhsaSpec {
  /** Unique stage name, used as the prefix of its tensor and edge names (e.g. {@code ode1}). */
  String name();

  /** "fpga" for every stage. */
  String device();

  /** Channels expected at the stage input. */
  int inChannels();

  /** Channels produced. */
  int outChannels();

  /** Output shape given the input shape; throws SpecException (field under {@code path}) if inconsistent. */
  FeatureShape outputShape(FeatureShape in, String path);
}
