package org.medinstruct.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.medinstruct.dedup.DistributedDedup.Decision;
import org.medinstruct.progress.Progress;

/** Resolves the components of one shard, each in key order. */
final class ResolveFn extends DoFn<KV<Integer, Iterable<byte[]>>, Decision> {
  private final JoinSpec spec;
  private final PCollectionView<List<String>> poolTexts;
  private final Distribution componentSize =
      Metrics.distribution(DistributedDedup.METRICS, "componentSize");

  ResolveFn(JoinSpec spec, PCollectionView<List<String>> poolTexts) {
    this.spec = spec;
    this.poolTexts = poolTexts;
  }

  @ProcessElement
  public void process(ProcessContext c) {
    Map<String, List<Node>> components = new HashMap<>();
    Map<String, String> keys = new HashMap<>();
    for (byte[] b : c.element().getValue()) {
      Blob.Reader r = new Blob.Reader(b);
      while (r.more()) {
        Node n = Node.read(r, keys);
        components.computeIfAbsent(n.label(), k -> new ArrayList<>()).add(n);
      }
    }
    Resolution resolution = new Resolution(spec, spec.poolList(c.sideInput(poolTexts)));
    Progress progress = spec.progress();
    for (List<Node> nodes : components.values()) {
      nodes.sort(Comparator.comparing(Node::key));
      componentSize.update(nodes.size());
      resolution.resolve(nodes, c::output);
      if (progress != null) {
        for (int i = 0; i < nodes.size(); i++) {
          progress.completed(DistributedDedup.STAGE_DECIDE, "records", false, 0, 0);
        }
        progress.flush(false);
      }
    }
  }
}
