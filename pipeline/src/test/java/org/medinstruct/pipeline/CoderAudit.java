package org.medinstruct.pipeline;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StructuredCoder;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PValue;

/**
 * Walks a built (not run) pipeline and lists what breaks the coder rules: a PCollection whose coder
 * is, or contains, a {@link SerializableCoder}; a GroupByKey or CoGroupByKey whose key coder is not
 * deterministic.
 */
public final class CoderAudit {
  private CoderAudit() {}

  /** Every violation, one line each naming the transform and the coder; empty when none. */
  public static List<String> violations(Pipeline p) {
    Set<String> found = new LinkedHashSet<>();
    p.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            PTransform<?, ?> t = node.getTransform();
            if (t instanceof CoGroupByKey) {
              for (PValue in : node.getInputs().values()) {
                checkKey(found, node.getFullName(), in);
              }
            }
            return CompositeBehavior.ENTER_TRANSFORM;
          }

          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            if (node.getTransform() instanceof GroupByKey) {
              for (PValue in : node.getInputs().values()) {
                checkKey(found, node.getFullName(), in);
              }
            }
          }

          @Override
          public void visitValue(PValue value, TransformHierarchy.Node producer) {
            if (value instanceof PCollection<?> pc) {
              String serializable = serializableInside(pc.getCoder());
              if (serializable != null) {
                found.add(
                    pc.getName()
                        + " (from "
                        + producer.getFullName()
                        + "): coder "
                        + pc.getCoder()
                        + " uses "
                        + serializable);
              }
            }
          }
        });
    return new ArrayList<>(found);
  }

  /** The KV key coder's nondeterminism, or null when it is deterministic. */
  static String keyProblem(Coder<?> keyCoder) {
    try {
      keyCoder.verifyDeterministic();
      return serializableInside(keyCoder) == null
          ? null
          : "key coder " + keyCoder + " uses Java serialization";
    } catch (Coder.NonDeterministicException e) {
      return "key coder " + keyCoder + " is not deterministic: " + e.getMessage();
    }
  }

  /** The first SerializableCoder in {@code coder} or its components, as text; null when none. */
  static String serializableInside(Coder<?> coder) {
    return serializableInside(coder, 0);
  }

  private static String serializableInside(Coder<?> coder, int depth) {
    if (coder == null || depth > 32) {
      return null;
    }
    if (coder instanceof SerializableCoder<?>) {
      return coder.toString();
    }
    List<Coder<?>> parts = new ArrayList<>();
    List<? extends Coder<?>> arguments = coder.getCoderArguments();
    if (arguments != null) {
      parts.addAll(arguments);
    }
    parts.addAll(components(coder));
    for (Coder<?> part : parts) {
      String inner = serializableInside(part, depth + 1);
      if (inner != null) {
        return inner;
      }
    }
    return null;
  }

  /** A StructuredCoder's components (protected in Beam; some coders list them only there). */
  private static List<Coder<?>> components(Coder<?> coder) {
    if (!(coder instanceof StructuredCoder<?>)) {
      return List.of();
    }
    try {
      Method m = StructuredCoder.class.getDeclaredMethod("getComponents");
      m.setAccessible(true);
      List<Coder<?>> out = new ArrayList<>();
      for (Object c : (List<?>) m.invoke(coder)) {
        if (c instanceof Coder<?> part && part != coder) {
          out.add(part);
        }
      }
      return out;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the components of " + coder, e);
    }
  }

  private static void checkKey(Set<String> found, String transform, PValue in) {
    if (in instanceof PCollection<?> pc && pc.getCoder() instanceof KvCoder<?, ?> kv) {
      String problem = keyProblem(kv.getKeyCoder());
      if (problem != null) {
        found.add(transform + ": " + problem);
      }
    }
  }
}
