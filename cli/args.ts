// Argument parsers shared by the commands' filter flags (spelled the same everywhere:
// --topics, --sources, --regions, --lang take comma-separated lists; --since/--until dates).
import { InvalidArgumentError } from 'commander';

export function listOf(flag: string, allowed?: readonly string[]) {
  return (value: string): string[] => {
    const items = [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))];
    if (items.length === 0) throw new InvalidArgumentError(`${flag}: expected a comma-separated list`);
    const bad = allowed ? items.filter((i) => !allowed.includes(i)) : [];
    if (bad.length) throw new InvalidArgumentError(`${flag}: unknown ${bad.map((b) => `"${b}"`).join(', ')}; expected some of ${allowed!.join(', ')}`);
    return items;
  };
}

export function dateArg(flag: string) {
  return (value: string): string => {
    const m = value.match(/^(\d{4})-(\d{2})-(\d{2})$/);
    const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
    if (!d || d.getUTCMonth() !== +m![2] - 1) throw new InvalidArgumentError(`${flag}: expected a date YYYY-MM-DD, got "${value}"`);
    return value;
  };
}
