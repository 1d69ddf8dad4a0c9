/**
 * The contract's matching rule (shared/docs/contract.md, "Matching rule used by evaluations"),
 * implemented here on its own, not borrowed from retrieval/, so a normalisation bug in the
 * engine cannot make its own answers look right.
 */

/** Tokens: runs of Unicode letters and digits after NFC and lowercasing; everything else separates. */
export function matchTokens(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** True when `needle` occurs in `haystack` as one contiguous run. An empty needle matches nothing. */
export function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) continue outer;
    }
    return true;
  }
  return false;
}

/** A gold `evidence` string is found in a text when its tokens occur there contiguously. */
export function containsEvidence(text: string, evidence: string): boolean {
  return containsRun(matchTokens(text), matchTokens(evidence));
}

/**
 * The three abbreviations the contract expands before agency matching, on both sides, so
 * "VP UBND tỉnh" in the gold list matches "Văn phòng Ủy ban nhân dân tỉnh" in an answer and
 * the other way round. Keys are tokens as matchTokens produces them.
 */
const AGENCY_ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  ubnd: ['ủy', 'ban', 'nhân', 'dân'],
  hđnd: ['hội', 'đồng', 'nhân', 'dân'],
  vp: ['văn', 'phòng'],
};

export function agencyTokens(text: string): string[] {
  return matchTokens(text).flatMap((t) => AGENCY_ABBREVIATIONS[t] ?? [t]);
}

/** An agency is named in an answer when its (expanded) tokens occur there contiguously. */
export function namesAgency(answer: string, agency: string): boolean {
  return containsRun(agencyTokens(answer), agencyTokens(agency));
}

/** Every gold agency is named in the answer. */
export function namesAllAgencies(answer: string, agencies: readonly string[]): boolean {
  const tokens = agencyTokens(answer);
  return agencies.every((a) => containsRun(tokens, agencyTokens(a)));
}
