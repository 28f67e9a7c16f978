package org.medinstruct.dedup;

/**
 * A half edge seen from a candidate. {@code partnerText}: a candidate partner's text when the
 * decision may need it outside the partner's component; a pool partner's text once {@link
 * AssembleFn} has added it, so the resolution needs no pool.
 */
record Half(String partner, boolean pool, int poolIndex, String partnerText, double f) {
  void write(Blob.Writer w, String me) {
    w.key(me).bool(pool);
    if (pool) {
      w.varint(poolIndex).str(partnerText);
    } else {
      w.key(partner).str(partnerText);
    }
    w.f64(f);
  }

  /**
   * Writes what {@code write(w, null)} writes for a candidate half without partner text whose
   * partner key {@link Blob#pack} packed.
   */
  static void writeCandidate(Blob.Writer w, long packedPartner, double f) {
    w.key(null).bool(false).packedKey(packedPartner).str(null).f64(f);
  }

  /**
   * Writes what {@code new Half(partner, false, -1, null, f).write(w, me)} writes when {@link
   * Blob#pack} packed both keys into {@code me} and {@code partner}: the join writes one per
   * similar pair.
   */
  static void writePacked(Blob.Writer w, long me, long partner, double f) {
    w.packedKey(me).bool(false).packedKey(partner).str(null).f64(f);
  }

  /**
   * After the owner key: the packed partner of a half that {@link #writeCandidate} could have
   * written (a candidate partner whose key packs, without text), read up to its score; else -1,
   * with nothing read.
   */
  static long readPackedPartner(Blob.Reader r) {
    int at = r.position();
    if (!r.bool()) {
      long partner = r.packedKey();
      if (partner >= 0 && r.nullStr()) {
        return partner;
      }
    }
    r.seek(at);
    return -1;
  }

  /** Skips a half that {@link #write} wrote (with its owner key). */
  static void skip(Blob.Reader r) {
    r.skipKey();
    if (r.bool()) {
      r.varint();
      r.skipStr();
    } else {
      r.skipKey();
      r.skipStr();
    }
    r.skip(8);
  }

  static Half read(Blob.Reader r) {
    boolean pool = r.bool();
    if (pool) {
      int index = r.varint();
      String text = r.str();
      return new Half(null, true, index, text, r.f64());
    }
    String partner = r.key();
    String text = r.str();
    return new Half(partner, false, -1, text, r.f64());
  }

  /** Lower partner first: pool items by position, candidates by key. */
  int comparePartner(Half o) {
    return pool ? Integer.compare(poolIndex, o.poolIndex) : partner.compareTo(o.partner);
  }

  /** Whether this edge beats {@code best}: higher F, then the lower partner. */
  boolean beats(Half best) {
    return best == null || f > best.f || (f == best.f && comparePartner(best) < 0);
  }
}
