/**
 * A set-associative array with true LRU replacement: the shape of every cache, TLB and BTB in the
 * model. Keys are whole numbers below 2^53 (line or page numbers, pcs); the set is the key's low
 * bits. Each way may carry one number of data (a TLB's physical page, a BTB's target).
 */
const BUCKETS = 1024;
/** Keys are page numbers or (even) pcs: fold the low bits, skipping bit 0. */
const bucketOf = (key: number): number => ((key >>> 1) ^ (key >>> 11) ^ key) & (BUCKETS - 1);

export class SetAssoc {
  readonly sets: number;
  readonly ways: number;
  private readonly setMask: number;
  readonly keys: Float64Array;
  readonly data: Float64Array;
  /** Last-use time per way; the smallest in a set is the LRU way. */
  private readonly stamps: Float64Array;
  private clock = 0;
  /** The way of the last hit or fill (valid after `lookup`/`fill`). */
  way = 0;
  /**
   * For wide sets (a fully associative BTB or TLB) a lookup would compare every way. Instead keys
   * are hashed into buckets that count the resident keys and remember the way of the latest one:
   * an empty bucket is a certain miss, a matching hint a certain hit, and only otherwise are the
   * ways scanned. The result is exactly that of the scan.
   */
  private readonly bucketCount: Uint8Array | null;
  private readonly bucketWay: Int32Array | null;

  constructor(entries: number, ways: number) {
    if (!(entries >= ways && entries % ways === 0)) throw new Error(`bad geometry ${entries}/${ways}`);
    this.ways = ways;
    this.sets = entries / ways;
    if ((this.sets & (this.sets - 1)) !== 0) throw new Error(`sets must be a power of two (${this.sets})`);
    this.setMask = this.sets - 1;
    this.keys = new Float64Array(entries).fill(-1);
    this.data = new Float64Array(entries);
    this.stamps = new Float64Array(entries);
    this.bucketCount = ways > 4 ? new Uint8Array(BUCKETS) : null;
    this.bucketWay = ways > 4 ? new Int32Array(BUCKETS) : null;
  }

  /** True on a hit (which becomes most recently used; `way` names it). A miss changes nothing. */
  lookup(key: number): boolean {
    const count = this.bucketCount;
    if (count !== null) {
      const b = bucketOf(key);
      if (count[b] === 0) return false;
      const w = this.bucketWay![b];
      if (this.keys[w] === key) {
        this.stamps[w] = ++this.clock;
        this.way = w;
        return true;
      }
    }
    const ways = this.ways;
    const base = (key & this.setMask) * ways;
    const keys = this.keys;
    for (let w = base, end = base + ways; w < end; w++) {
      if (keys[w] === key) {
        this.stamps[w] = ++this.clock;
        this.way = w;
        return true;
      }
    }
    return false;
  }

  /** Puts `key` in its set, replacing the LRU way; returns the key it evicted (-1 for none). */
  fill(key: number, data = 0): number {
    const ways = this.ways;
    const base = (key & this.setMask) * ways;
    const stamps = this.stamps;
    let victim = base;
    for (let w = base + 1, end = base + ways; w < end; w++) if (stamps[w] < stamps[victim]) victim = w;
    const old = this.keys[victim];
    const count = this.bucketCount;
    if (count !== null) {
      if (old !== -1) count[bucketOf(old)]--;
      const b = bucketOf(key);
      count[b]++;
      this.bucketWay![b] = victim;
    }
    this.keys[victim] = key;
    this.data[victim] = data;
    stamps[victim] = ++this.clock;
    this.way = victim;
    return old;
  }

  /** Looks `key` up and fills it on a miss; true on a hit. */
  access(key: number): boolean {
    if (this.lookup(key)) return true;
    this.fill(key);
    return false;
  }

  flush(): void {
    this.keys.fill(-1);
    this.stamps.fill(0);
    this.bucketCount?.fill(0);
  }
}
