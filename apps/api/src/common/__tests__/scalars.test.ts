import { GraphQLLocalDate as ScalarsLocalDate } from 'graphql-scalars';
import { describe, expect, it } from 'vitest';
import { GraphQLLocalDate } from '../scalars.js';

describe('LocalDate', () => {
  it('is graphql-scalars’ type in the schema: same name, description and input parsing', () => {
    const { serialize: _ours, ...ours } = GraphQLLocalDate.toConfig();
    const { serialize: _theirs, ...theirs } = ScalarsLocalDate.toConfig();
    expect(ours).toEqual(theirs);
    expect(GraphQLLocalDate.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(() => GraphQLLocalDate.parseValue('2025-02-29')).toThrow(/not a valid LocalDate/);
  });

  it('returns calendar dates as they are and refuses what is not one', () => {
    for (const date of ['2026-01-01', '2026-12-28', '2024-02-29', '2026-01-31', '2026-04-30']) {
      expect(GraphQLLocalDate.serialize(date)).toBe(date);
    }
    for (const wrong of ['2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-01', '2026-01-01T00:00:00Z', '', 20260101]) {
      expect(() => GraphQLLocalDate.serialize(wrong), String(wrong)).toThrow();
    }
  });
});
