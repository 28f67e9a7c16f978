package org.medinstruct.llm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.medinstruct.model.Failure;
import org.medinstruct.model.Records;
import org.medinstruct.model.StageOutput;

/**
 * Sends one chat completion per element and pairs each completion with its element.
 *
 * <p>Input: {@code KV<T, ChatRequest>}. Output: a {@link StageOutput} whose values are the
 * completed requests as {@code KV<T, ChatResponse>} and whose failures are the requests that failed
 * after the client's retries, as dead-letter {@link Failure} records of the stage named by {@link
 * #reportingAs} (the element rendered as JSON by its function, so it can be replayed). No element
 * is rejected. Every input element appears in exactly one output. Idempotency: completions are
 * journaled by the client, so a retried bundle or a rerun does not pay twice.
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
    extends PTransform<PCollection<KV<T, ChatRequest>>, StageOutput<KV<T, ChatResponse>>> {
  private final LlmSettings settings;
  private final int shards;
  private final ToFailure<T> toFailure;

  private CallLlm(LlmSettings settings, int shards, ToFailure<T> toFailure) {
    this.settings = settings;
    this.shards = shards;
    this.toFailure = toFailure;
  }

  public static <T> CallLlm<T> using(LlmSettings settings) {
    // Batch mode: one shard, so that a stage's requests are submitted together as few batch jobs
    // (the work happens at the provider; many shards would wait for their batches one after
    // another).
    return new CallLlm<>(
        settings,
        settings.batchMode() ? 1 : Math.max(32, 8 * Math.max(1, settings.workerCount())),
        new ToFailure<>("llm", CallLlm::asJson));
  }

  /**
   * Names the stage of the failure records and how an element is written into them ({@code
   * failed.jsonl}'s {@code "record"}).
   */
  public CallLlm<T> reportingAs(String stage, SerializableFunction<T, String> elementJson) {
    return new CallLlm<>(settings, shards, new ToFailure<>(stage, elementJson));
  }

  /** Groups requests into this many batches (more shards spread over more worker threads). */
  public CallLlm<T> withShards(int newShards) {
    if (newShards < 1) {
      throw new IllegalArgumentException("shards must be >= 1, got " + newShards);
    }
    return new CallLlm<>(settings, newShards, toFailure);
  }

  /** Submits each input bundle as it comes, without grouping into shards. */
  public CallLlm<T> withoutBatching() {
    return new CallLlm<>(settings, 0, toFailure);
  }

  @Override
  public StageOutput<KV<T, ChatResponse>> expand(PCollection<KV<T, ChatRequest>> input) {
    @SuppressWarnings("unchecked")
    Coder<T> keyCoder = ((KvCoder<T, ChatRequest>) input.getCoder()).getKeyCoder();
    TupleTag<KV<T, ChatResponse>> ok = new TupleTag<>() {};
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
              ParDo.of(new CallBatchFn<T>(settings, elementCoder, ok, toFailure))
                  .withOutputTags(ok, StageOutput.sideTags()));
    } else {
      out =
          input.apply(
              "CallChatCompletions",
              ParDo.of(new CallFn<T>(settings, ok, toFailure))
                  .withOutputTags(ok, StageOutput.sideTags()));
    }
    return StageOutput.of(ok, out, KvCoder.of(keyCoder, ChatResponseCoder.of()));
  }

  /** An element as JSON, for callers that name no other rendering. */
  static String asJson(Object element) {
    return Records.GSON.toJson(element);
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
    private final ToFailure<T> toFailure;

    CallBatchFn(
        LlmSettings settings,
        Coder<KV<T, ChatRequest>> elementCoder,
        TupleTag<KV<T, ChatResponse>> ok,
        ToFailure<T> toFailure) {
      super(settings);
      this.elementCoder = elementCoder;
      this.ok = ok;
      this.toFailure = toFailure;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<byte[]>> batch, MultiOutputReceiver out)
        throws InterruptedException, CoderException {
      PendingCalls<T> calls = PendingCalls.withProgress(client, settings);
      PendingCalls.Emitter<T> emitter = emitTo(out, ok, toFailure);
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
    private final ToFailure<T> toFailure;
    private transient PendingCalls<T> calls;

    CallFn(LlmSettings settings, TupleTag<KV<T, ChatResponse>> ok, ToFailure<T> toFailure) {
      super(settings);
      this.ok = ok;
      this.toFailure = toFailure;
    }

    @StartBundle
    public void startBundle() {
      calls = PendingCalls.withProgress(client, settings);
    }

    @ProcessElement
    public void process(@Element KV<T, ChatRequest> element, MultiOutputReceiver out)
        throws InterruptedException {
      calls.submit(element.getKey(), element.getValue());
      calls.awaitBelow(maxPending(settings), emitTo(out, ok, toFailure));
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
                  StageOutput.FAILED,
                  toFailure.apply(kv),
                  GlobalWindow.INSTANCE.maxTimestamp(),
                  GlobalWindow.INSTANCE);
            }
          });
      calls = null;
    }
  }

  /** Emits finished calls to a DoFn's outputs: completions, and failures as dead letters. */
  static <T> PendingCalls.Emitter<T> emitTo(
      DoFn.MultiOutputReceiver out, TupleTag<KV<T, ChatResponse>> ok, ToFailure<T> toFailure) {
    return new PendingCalls.Emitter<>() {
      @Override
      public void response(KV<T, ChatResponse> kv) {
        out.get(ok).output(kv);
      }

      @Override
      public void failure(KV<T, LlmFailure> kv) {
        out.get(StageOutput.FAILED).output(toFailure.apply(kv));
      }
    };
  }

  /** A failed call as the dead-letter record of its stage, naming the original element. */
  static final class ToFailure<T> implements java.io.Serializable {
    private final String stage;
    private final SerializableFunction<T, String> elementJson;

    ToFailure(String stage, SerializableFunction<T, String> elementJson) {
      this.stage = stage;
      this.elementJson = elementJson;
    }

    Failure apply(KV<T, LlmFailure> kv) {
      LlmFailure f = kv.getValue();
      return new Failure(
          stage,
          elementJson.apply(kv.getKey()),
          f.error(),
          f.retryable(),
          f.status(),
          f.attempts(),
          f.kind());
    }
  }
}
