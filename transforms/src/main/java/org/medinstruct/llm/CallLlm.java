package org.medinstruct.llm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Sends one chat completion per element and pairs each completion with its element.
 *
 * <p>Input: {@code KV<T, ChatRequest>}. Outputs: {@link Result#responses()} with every completed
 * request as {@code KV<T, ChatResponse>}; {@link Result#failures()} with every request that failed
 * after the client's retries, as {@code KV<T, LlmFailure>}. Every input element appears in exactly
 * one of the two. Idempotency: completions are journaled by the client, so a retried bundle or a
 * rerun does not pay twice.
 *
 * <p>Throughput: elements are spread over {@link #withShards shards} by a stable hash of the
 * request and grouped, and each shard is submitted at once to the shared asynchronous client, up to
 * maxInFlightRequests pending per DoFn instance. Runners that hand out tiny bundles (the
 * DirectRunner gives every key of a GroupByKey its own bundle) would otherwise keep only one
 * request in flight per bundle thread. {@link #withoutBatching()} skips the grouping (the input's
 * own bundles are submitted asynchronously and drained in finishBundle).
 *
 * <p>Metrics (namespace {@value PendingCalls#NAMESPACE}): requests_sent, retries, http_429,
 * cache_hits, failures, spend_micro_usd, tokens.prompt.&lt;stage&gt;.&lt;model&gt;,
 * tokens.completion.&lt;stage&gt;.&lt;model&gt;.
 */
public final class CallLlm<T>
    extends PTransform<PCollection<KV<T, ChatRequest>>, CallLlm.Result<T>> {
  private final LlmSettings settings;
  private final int shards;

  private CallLlm(LlmSettings settings, int shards) {
    this.settings = settings;
    this.shards = shards;
  }

  public static <T> CallLlm<T> using(LlmSettings settings) {
    // Batch mode: one shard, so that a stage's requests are submitted together as few batch jobs
    // (the work happens at the provider; many shards would wait for their batches one after
    // another).
    return new CallLlm<>(
        settings, settings.batchMode() ? 1 : Math.max(32, 8 * Math.max(1, settings.workerCount())));
  }

  /** Groups requests into this many batches (more shards spread over more worker threads). */
  public CallLlm<T> withShards(int newShards) {
    if (newShards < 1) {
      throw new IllegalArgumentException("shards must be >= 1, got " + newShards);
    }
    return new CallLlm<>(settings, newShards);
  }

  /** Submits each input bundle as it comes, without grouping into shards. */
  public CallLlm<T> withoutBatching() {
    return new CallLlm<>(settings, 0);
  }

  @Override
  public Result<T> expand(PCollection<KV<T, ChatRequest>> input) {
    @SuppressWarnings("unchecked")
    Coder<T> keyCoder = ((KvCoder<T, ChatRequest>) input.getCoder()).getKeyCoder();
    TupleTag<KV<T, ChatResponse>> ok = new TupleTag<>() {};
    TupleTag<KV<T, LlmFailure>> failed = new TupleTag<>() {};
    PCollectionTuple out;
    if (shards > 0) {
      // Requests grouped into a few large batches, so each bundle keeps many requests in flight.
      // The grouped values are the elements already encoded: the DirectRunner copies a key's whole
      // bag (decode + encode) for every incoming bundle, which with Java-serialized elements cost
      // about a minute before the first request of a 3000-task run; copying bytes costs little.
      Coder<KV<T, ChatRequest>> elementCoder = KvCoder.of(keyCoder, ChatRequestCoder.of());
      PCollection<KV<Integer, Iterable<byte[]>>> batches =
          input
              .apply("AssignShards", ParDo.of(new AssignShardFn<T>(shards, elementCoder)))
              .setCoder(KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of()))
              .apply("GroupIntoShards", GroupByKey.create());
      out =
          batches.apply(
              "CallChatCompletions",
              ParDo.of(new CallBatchFn<T>(settings, elementCoder, ok, failed))
                  .withOutputTags(ok, TupleTagList.of(failed)));
    } else {
      out =
          input.apply(
              "CallChatCompletions",
              ParDo.of(new CallFn<T>(settings, ok, failed))
                  .withOutputTags(ok, TupleTagList.of(failed)));
    }
    PCollection<KV<T, ChatResponse>> responses =
        out.get(ok).setCoder(KvCoder.of(keyCoder, ChatResponseCoder.of()));
    PCollection<KV<T, LlmFailure>> failures =
        out.get(failed).setCoder(KvCoder.of(keyCoder, LlmFailureCoder.of()));
    return new Result<>(input.getPipeline(), responses, failures, ok, failed);
  }

  static int maxPending(LlmSettings settings) {
    if (settings.batchMode()) {
      return Integer.MAX_VALUE; // every request of the shard goes into the batch before waiting
    }
    return settings.maxInFlightRequests() > 0
        ? settings.maxInFlightRequests()
        : LlmSettings.DEFAULT_MAX_IN_FLIGHT;
  }

  /** Spreads requests over shards by a hash of what they ask, identical on every run. */
  static final class AssignShardFn<T> extends DoFn<KV<T, ChatRequest>, KV<Integer, byte[]>> {
    private final int shards;
    private final Coder<KV<T, ChatRequest>> elementCoder;

    AssignShardFn(int shards, Coder<KV<T, ChatRequest>> elementCoder) {
      this.shards = shards;
      this.elementCoder = elementCoder;
    }

    @ProcessElement
    public void process(
        @Element KV<T, ChatRequest> element, OutputReceiver<KV<Integer, byte[]>> out)
        throws CoderException {
      ChatRequest r = element.getValue();
      int hash;
      if (r == null || r.messages() == null || r.model() == null) {
        hash = 0; // the client turns it into a failure
      } else {
        byte[] digest = Journal.key("", r).substring(0, 8).getBytes(StandardCharsets.US_ASCII);
        hash = ByteBuffer.wrap(digest).getInt();
      }
      out.output(
          KV.of(Math.floorMod(hash, shards), CoderUtils.encodeToByteArray(elementCoder, element)));
    }
  }

  /**
   * A DoFn that leases the JVM's shared client in {@code @Setup} and returns it in
   * {@code @Teardown}; the last DoFn to tear down closes the client ({@link ChatClients}).
   */
  abstract static class ClientFn<I, O> extends DoFn<I, O> {
    final LlmSettings settings;
    transient ChatClient client;
    private transient ChatClients.Lease lease;

    ClientFn(LlmSettings settings) {
      this.settings = settings;
    }

    @Setup
    public void setup() {
      lease = ChatClients.lease(settings);
      client = lease.client();
    }

    @Teardown
    public void teardown() {
      if (lease != null) {
        lease.close();
        lease = null;
        client = null;
      }
    }
  }

  /** Submits a whole shard at once; emits completions as they arrive. */
  static final class CallBatchFn<T>
      extends ClientFn<KV<Integer, Iterable<byte[]>>, KV<T, ChatResponse>> {
    private final Coder<KV<T, ChatRequest>> elementCoder;
    private final TupleTag<KV<T, ChatResponse>> ok;
    private final TupleTag<KV<T, LlmFailure>> failed;

    CallBatchFn(
        LlmSettings settings,
        Coder<KV<T, ChatRequest>> elementCoder,
        TupleTag<KV<T, ChatResponse>> ok,
        TupleTag<KV<T, LlmFailure>> failed) {
      super(settings);
      this.elementCoder = elementCoder;
      this.ok = ok;
      this.failed = failed;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<byte[]>> batch, MultiOutputReceiver out)
        throws InterruptedException, CoderException {
      PendingCalls<T> calls = PendingCalls.withProgress(client, settings);
      PendingCalls.Emitter<T> emitter = emitTo(out, ok, failed);
      int max = maxPending(settings);
      for (byte[] bytes : batch.getValue()) {
        KV<T, ChatRequest> e = CoderUtils.decodeFromByteArray(elementCoder, bytes);
        calls.submit(e.getKey(), e.getValue());
        calls.awaitBelow(max, emitter);
      }
      calls.drain(emitter);
    }
  }

  /** Submits asynchronously; emits as completions arrive and drains the rest in finishBundle. */
  static final class CallFn<T> extends ClientFn<KV<T, ChatRequest>, KV<T, ChatResponse>> {
    private final TupleTag<KV<T, ChatResponse>> ok;
    private final TupleTag<KV<T, LlmFailure>> failed;
    private transient PendingCalls<T> calls;

    CallFn(
        LlmSettings settings,
        TupleTag<KV<T, ChatResponse>> ok,
        TupleTag<KV<T, LlmFailure>> failed) {
      super(settings);
      this.ok = ok;
      this.failed = failed;
    }

    @StartBundle
    public void startBundle() {
      calls = PendingCalls.withProgress(client, settings);
    }

    @ProcessElement
    public void process(@Element KV<T, ChatRequest> element, MultiOutputReceiver out)
        throws InterruptedException {
      calls.submit(element.getKey(), element.getValue());
      calls.awaitBelow(maxPending(settings), emitTo(out, ok, failed));
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws InterruptedException {
      calls.drain(
          new PendingCalls.Emitter<>() {
            @Override
            public void response(KV<T, ChatResponse> kv) {
              context.output(ok, kv, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
            }

            @Override
            public void failure(KV<T, LlmFailure> kv) {
              context.output(
                  failed, kv, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
            }
          });
      calls = null;
    }
  }

  /** Emits finished calls to a DoFn's two outputs. */
  static <T> PendingCalls.Emitter<T> emitTo(
      DoFn.MultiOutputReceiver out,
      TupleTag<KV<T, ChatResponse>> ok,
      TupleTag<KV<T, LlmFailure>> failed) {
    return new PendingCalls.Emitter<>() {
      @Override
      public void response(KV<T, ChatResponse> kv) {
        out.get(ok).output(kv);
      }

      @Override
      public void failure(KV<T, LlmFailure> kv) {
        out.get(failed).output(kv);
      }
    };
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
