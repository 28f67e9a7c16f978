package org.medinstruct.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.StructuredCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Compact coder of {@link Outcome}: the kind by name, then the value (with T's coder), the {@link
 * Rejection} or the {@link Failure}. Deterministic when T's coder is.
 */
public final class OutcomeCoder<T> extends StructuredCoder<Outcome<T>> {
  private final Coder<T> valueCoder;

  private OutcomeCoder(Coder<T> valueCoder) {
    this.valueCoder = valueCoder;
  }

  public static <T> OutcomeCoder<T> of(Coder<T> valueCoder) {
    return new OutcomeCoder<>(valueCoder);
  }

  /** How {@code @DefaultCoder} on {@link Outcome} finds this coder for any {@code Outcome<T>}. */
  public static CoderProvider getCoderProvider() {
    return new Provider();
  }

  public Coder<T> valueCoder() {
    return valueCoder;
  }

  @Override
  public void encode(Outcome<T> o, OutputStream out) throws IOException {
    if (o == null) {
      throw new CoderException("cannot encode a null Outcome");
    }
    CoderFields.enumName(o.kind(), out);
    switch (o.kind()) {
      case VALUE -> valueCoder.encode(o.value(), out);
      case REJECTED -> RejectionCoder.of().encode(o.rejection(), out);
      case FAILED -> FailureCoder.of().encode(o.failure(), out);
    }
  }

  @Override
  public Outcome<T> decode(InputStream in) throws IOException {
    Outcome.Kind kind = CoderFields.enumName(Outcome.Kind.class, in);
    if (kind == null) {
      throw new CoderException("an Outcome without a kind");
    }
    return switch (kind) {
      case VALUE -> Outcome.value(valueCoder.decode(in));
      case REJECTED -> Outcome.rejected(RejectionCoder.of().decode(in));
      case FAILED -> Outcome.failed(FailureCoder.of().decode(in));
    };
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of(valueCoder);
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    verifyDeterministic(this, "the value coder must be deterministic", valueCoder);
  }

  /** Builds the coder of {@code Outcome<T>} from the coder of T. */
  static final class Provider extends CoderProvider {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <X> Coder<X> coderFor(TypeDescriptor<X> type, List<? extends Coder<?>> components)
        throws CannotProvideCoderException {
      if (!Outcome.class.equals(type.getRawType()) || components.size() != 1) {
        throw new CannotProvideCoderException(type + " is not an Outcome<T> with a known T");
      }
      return (Coder<X>) OutcomeCoder.of((Coder) components.get(0));
    }
  }
}
