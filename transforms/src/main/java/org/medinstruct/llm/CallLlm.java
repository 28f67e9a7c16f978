package org.medinstruct.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.Pipeline;

/**
 * Sends one chat completion per element and pairs each completion with its element.
 *
 * <p>Input: {@code KV<T, ChatRequest>}. Outputs: {@link Result#responses()} with every completed
 * request as {@code KV<T, ChatResponse>}; {@link Result#failures()} with every request that failed
 * after the client's retries, as {@code KV<T, LlmFailure>}. Every input element appears in exactly
 * one of the two. Idempotency: completions are journaled by the client, so a retried bundle or a
 * rerun does not pay twice.
 */
public final class CallLlm<T> extends PTransform<PCollection<KV<T, ChatRequest>>, CallLlm.Result<T>> {
  private final LlmSettings settings;

  private CallLlm(LlmSettings settings) {
    this.settings = settings;
  }

  public static <T> CallLlm<T> using(LlmSettings settings) {
    return new CallLlm<>(settings);
  }

  @Override
  public Result<T> expand(PCollection<KV<T, ChatRequest>> input) {
    @SuppressWarnings("unchecked")
    Coder<T> keyCoder = ((KvCoder<T, ChatRequest>) input.getCoder()).getKeyCoder();
    TupleTag<KV<T, ChatResponse>> ok = new TupleTag<>() {};
    TupleTag<KV<T, LlmFailure>> failed = new TupleTag<>() {};
    PCollectionTuple out =
        input.apply(
            "CallChatCompletions",
            ParDo.of(new CallFn<T>(settings, ok, failed))
                .withOutputTags(ok, TupleTagList.of(failed)));
    PCollection<KV<T, ChatResponse>> responses =
        out.get(ok).setCoder(KvCoder.of(keyCoder, SerializableCoder.of(ChatResponse.class)));
    PCollection<KV<T, LlmFailure>> failures =
        out.get(failed).setCoder(KvCoder.of(keyCoder, SerializableCoder.of(LlmFailure.class)));
    return new Result<>(input.getPipeline(), responses, failures, ok, failed);
  }

  /** Submits asynchronously; emits as completions arrive and drains the rest in finishBundle. */
  static final class CallFn<T> extends DoFn<KV<T, ChatRequest>, KV<T, ChatResponse>> {
    private final LlmSettings settings;
    private final TupleTag<KV<T, ChatResponse>> ok;
    private final TupleTag<KV<T, LlmFailure>> failed;
    private transient ChatClient client;
    private transient List<Pending<T>> pending;

    CallFn(LlmSettings settings, TupleTag<KV<T, ChatResponse>> ok, TupleTag<KV<T, LlmFailure>> failed) {
      this.settings = settings;
      this.ok = ok;
      this.failed = failed;
    }

    private record Pending<T>(T element, CompletableFuture<ChatResponse> future) {}

    @Setup
    public void setup() {
      client = ChatClients.forSettings(settings);
    }

    @StartBundle
    public void startBundle() {
      pending = new ArrayList<>();
    }

    @ProcessElement
    public void process(@Element KV<T, ChatRequest> element) {
      pending.add(new Pending<>(element.getKey(), client.complete(element.getValue())));
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      for (Pending<T> p : pending) {
        try {
          context.output(ok, KV.of(p.element(), p.future().join()), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
        } catch (RuntimeException e) {
          context.output(failed, KV.of(p.element(), LlmFailure.of(e)), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
        }
      }
      pending = null;
    }
  }

  /** The completions and the failures of one {@link CallLlm}. */
  public static final class Result<T> implements POutput {
    private final Pipeline pipeline;
    private final PCollection<KV<T, ChatResponse>> responses;
    private final PCollection<KV<T, LlmFailure>> failures;
    private final TupleTag<KV<T, ChatResponse>> okTag;
    private final TupleTag<KV<T, LlmFailure>> failedTag;

    Result(
        Pipeline pipeline,
        PCollection<KV<T, ChatResponse>> responses,
        PCollection<KV<T, LlmFailure>> failures,
        TupleTag<KV<T, ChatResponse>> okTag,
        TupleTag<KV<T, LlmFailure>> failedTag) {
      this.pipeline = pipeline;
      this.responses = responses;
      this.failures = failures;
      this.okTag = okTag;
      this.failedTag = failedTag;
    }

    public PCollection<KV<T, ChatResponse>> responses() {
      return responses;
    }

    public PCollection<KV<T, LlmFailure>> failures() {
      return failures;
    }

    @Override
    public Pipeline getPipeline() {
      return pipeline;
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return Map.of(okTag, responses, failedTag, failures);
    }

    @Override
    public void finishSpecifyingOutput(
        String transformName, PInput input, PTransform<?, ?> transform) {}
  }
}
