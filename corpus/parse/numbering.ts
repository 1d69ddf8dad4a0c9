/**
 * Numbering continuity: decides whether a line that looks like a marker really opens a clause,
 * and gives the clause its contract section path. A marker is accepted only where it continues
 * the numbering in force (the next Roman part, the next item under this part, the next letter
 * under this item...), which is what separates "2. Mục tiêu cụ thể" from a wrapped sentence
 * that happens to start with "2.".
 */
import { type Marker, POINT_ORDER, isUpperHeading, startsUpper } from './markers.ts';

export type ScopeKind = 'root' | 'part' | 'article' | 'item' | 'dotted' | 'point';

export interface Scope {
  kind: ScopeKind;
  /** 0 root, 1 part/article, 2 item, 3-5 dotted by depth, 6 point. */
  level: number;
  section: string;
  /** Item and dotted numbers, e.g. [2, 5] for "2.5.". */
  path: number[];
  lastItem: number;
  lastSub: number;
  lastPoint: number;
}

const POINT_LEVEL = 6;

function scope(kind: ScopeKind, level: number, section: string, path: number[] = []): Scope {
  return { kind, level, section, path, lastItem: 0, lastSub: 0, lastPoint: -1 };
}

function join(base: string, tail: string): string {
  return base ? `${base}.${tail}` : tail;
}

export class Numbering {
  private stack: Scope[] = [scope('root', 0, '')];
  private lastPart = 0;
  private lastArticle = 0;
  /** Some plans number items straight through their parts (I: 1, 2; II: 3, 4). */
  private lastItemAnywhere = 0;

  /** Starts a new embedded document (a plan after the decision that issues it). */
  reset(): void {
    this.stack = [scope('root', 0, '')];
    this.lastPart = 0;
    this.lastArticle = 0;
    this.lastItemAnywhere = 0;
  }

  /** The innermost open numbered clause (root when none). */
  get current(): Scope {
    return this.stack[this.stack.length - 1] ?? scope('root', 0, '');
  }

  /** The scope enclosing the innermost one (root when none). */
  get parentOfCurrent(): Scope {
    return this.stack[this.stack.length - 2] ?? this.stack[0] ?? scope('root', 0, '');
  }

  /** Tries to open a clause for the marker; returns its scope, or null when numbering says no. */
  open(marker: Marker): Scope | null {
    switch (marker.kind) {
      case 'part':
        return this.openPart(marker.n, marker.label, marker.rest);
      case 'article':
        return this.openArticle(marker.n);
      case 'item':
        return this.openItem(marker.n, marker.rest);
      case 'dotted':
        return this.openDotted(marker.path, marker.rest);
      case 'point':
        return this.openPoint(marker.letter);
      default:
        return null;
    }
  }

  private openPart(n: number, label: string, rest: string): Scope | null {
    const next = n === this.lastPart + 1 && (rest === '' || startsUpper(rest));
    // A skipped part number (I, III: the sample from Nam Định has no II) only for a real title.
    const skip = n > this.lastPart + 1 && n <= this.lastPart + 3 && isUpperHeading(rest);
    if (!next && !skip) return null;
    this.lastPart = n;
    return this.push(scope('part', 1, label.replace(/[^IVXL]/g, '')));
  }

  private openArticle(n: number): Scope | null {
    if (n !== this.lastArticle + 1) return null;
    this.lastArticle = n;
    return this.push(scope('article', 1, `Điều ${n}`));
  }

  private openItem(n: number, rest: string): Scope | null {
    if (rest !== '' && !startsUpper(rest)) return null;
    const parent = this.nearest((s) => s.level <= 1);
    const ok = n === parent.lastItem + 1 || (parent.lastItem === 0 && n === this.lastItemAnywhere + 1 && n > 1);
    if (!ok) return null;
    parent.lastItem = n;
    this.lastItemAnywhere = n;
    return this.push(scope('item', 2, join(parent.section, String(n)), [n]));
  }

  private openDotted(path: number[], rest: string): Scope | null {
    if (rest !== '' && !startsUpper(rest)) return null;
    const head = path.slice(0, -1);
    const last = path[path.length - 1] ?? 0;
    const parent = this.findPath(head);
    const base = this.nearest((s) => s.level <= 1);
    if (parent) {
      if (last !== parent.lastSub + 1) return null;
      parent.lastSub = last;
    } else if (!(path.length === 2 && path[0] === base.lastItem + 1 && last === 1)) {
      return null;
    } else {
      // "2.1." with no "2." line: item 2 is implied.
      base.lastItem = path[0] ?? 0;
      this.lastItemAnywhere = base.lastItem;
    }
    const opened = scope('dotted', 1 + path.length, join(base.section, path.join('.')), path);
    return this.push(opened, parent ?? base);
  }

  private openPoint(letter: string): Scope | null {
    const parent = this.nearest((s) => s.level < POINT_LEVEL);
    const idx = POINT_ORDER.indexOf(letter);
    const first = parent.lastPoint < 0 && letter === 'a';
    // Up to two letters may be skipped: Vietnamese lists jump e → g and i → k.
    const next = parent.lastPoint >= 0 && idx > parent.lastPoint && idx <= parent.lastPoint + 3;
    if (!first && !next) return null;
    parent.lastPoint = idx;
    return this.push(scope('point', POINT_LEVEL, join(parent.section, letter)), parent);
  }

  private nearest(pred: (s: Scope) => boolean): Scope {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const s = this.stack[i];
      if (s && pred(s)) return s;
    }
    return this.stack[0] ?? scope('root', 0, '');
  }

  private findPath(path: number[]): Scope | null {
    return this.stack.find((s) => (s.kind === 'item' || s.kind === 'dotted') && sameNumbers(s.path, path)) ?? null;
  }

  /** Closes everything below `parent` (default: everything at or below the new level) and opens `s`. */
  private push(s: Scope, parent?: Scope): Scope {
    const keep = parent ? this.stack.indexOf(parent) + 1 : this.stack.findIndex((x) => x.level >= s.level);
    if (keep > 0) this.stack.length = keep;
    this.stack.push(s);
    return s;
  }
}

function sameNumbers(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
