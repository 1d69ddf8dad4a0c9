import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignTaskCodes, provinceInitials, taskCode } from './code.ts';

describe('taskCode', () => {
  it('is province initials, 2-digit year and 4 Crockford base32 characters', () => {
    const code = taskCode('nam-dinh-2024-nq02.txt#IV.2.5.e', 'Nam Định', 2024);
    expect(code).toMatch(/^ND24-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(taskCode('nam-dinh-2024-nq02.txt#IV.2.5.e', 'Nam Định', 2024)).toBe(code);
    expect(taskCode('nam-dinh-2024-nq02.txt#IV.2.5.f', 'Nam Định', 2024)).not.toBe(code);
  });

  it('derives initials without diacritics', () => {
    expect(provinceInitials('Bắc Giang')).toBe('BG');
    expect(provinceInitials('Thừa Thiên Huế')).toBe('TTH');
    expect(provinceInitials('Thành phố Hồ Chí Minh')).toBe('HCM');
    expect(provinceInitials('Huế')).toBe('HU');
    expect(provinceInitials(null)).toBe('XX');
    expect(taskCode('k', null, null)).toMatch(/^XX00-/);
  });

  it('longer hashes extend the short one', () => {
    const short = taskCode('k', 'Lạng Sơn', 2021);
    expect(taskCode('k', 'Lạng Sơn', 2021, 6).startsWith(short)).toBe(true);
  });
});

describe('assignTaskCodes', () => {
  it('keeps codes unique within a document, deterministically', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { maxLength: 300 }), (keys) => {
        const codes = assignTaskCodes(keys, 'Ninh Thuận', 2024);
        expect(new Set(codes).size).toBe(keys.length);
        expect(assignTaskCodes(keys, 'Ninh Thuận', 2024)).toEqual(codes);
      }),
      { numRuns: 30 },
    );
  });

  it('extends the later of two colliding codes', () => {
    // Find two keys whose 4-character hashes collide (birthday search, a few thousand keys).
    const seen = new Map<string, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; pair === null && i < 200_000; i++) {
      const key = `doc#${i}`;
      const code = taskCode(key, 'Nam Định', 2024);
      const other = seen.get(code);
      if (other) pair = [other, key];
      seen.set(code, key);
    }
    expect(pair).not.toBeNull();
    const [first, second] = pair as [string, string];
    const [a, b] = assignTaskCodes([first, second], 'Nam Định', 2024);
    expect(a).toBe(taskCode(first, 'Nam Định', 2024));
    expect(b).toBe(taskCode(second, 'Nam Định', 2024, 5));
  });
});
