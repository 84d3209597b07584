// Search queries: parsed into phrases and AND / OR / NOT, refused in one sentence when malformed, written out for FTS5.
import { UserError } from '../../../src-shared/model/result';
import { searchTokens } from './tokens';

/** Consecutive words to find; with `prefix`, the last one may be the start of a longer word. */
export interface Phrase {
  type: 'phrase';
  /** The words, folded (no diacritics, lower case) as the index holds them. */
  words: string[];
  prefix: boolean;
}

export type QueryNode = Phrase | { type: 'and' | 'or' | 'not'; left: QueryNode; right: QueryNode };

type Token = { type: 'word'; text: string; prefix: boolean } | { type: 'phrase'; text: string; prefix: boolean } | { type: 'op'; op: 'AND' | 'OR' | 'NOT' | '(' | ')' };

function refuse(query: string, why: string): never {
  const shown = query.length > 80 ? `${query.slice(0, 80)}…` : query;
  throw new UserError('invalid_request', `The search “${shown}” is not valid: ${why}.`);
}

function lex(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query.charAt(i);
    if (/\s/u.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')') {
      tokens.push({ type: 'op', op: c });
      i += 1;
    } else if (c === '"') {
      let text = '';
      let j = i + 1;
      for (;;) {
        if (j >= query.length) refuse(query, 'a quotation mark is not closed');
        if (query.charAt(j) === '"') {
          if (query.charAt(j + 1) !== '"') break;
          j += 1;
        }
        text += query.charAt(j);
        j += 1;
      }
      const prefix = query.charAt(j + 1) === '*';
      tokens.push({ type: 'phrase', text, prefix });
      i = j + 1 + (prefix ? 1 : 0);
    } else {
      const match = /^[^\s"()]+/u.exec(query.slice(i));
      const text = match?.[0] ?? c;
      if (text === 'AND' || text === 'OR' || text === 'NOT') tokens.push({ type: 'op', op: text });
      else tokens.push({ type: 'word', text: text.replace(/\*+$/u, ''), prefix: text.endsWith('*') });
      i += text.length;
    }
  }
  return tokens;
}

/** Parses `query`: NOT binds tightest, then AND (also implied between terms), then OR, as in SQLite FTS5. */
export function parseQuery(query: string): QueryNode {
  const tokens = lex(query);
  if (tokens.length === 0) refuse(query, 'it has no words');
  let at = 0;
  const peek = () => tokens[at];
  const isOp = (op: string) => {
    const token = peek();
    return token?.type === 'op' && token.op === op;
  };
  const primary = (): QueryNode => {
    const token = peek();
    if (token === undefined) refuse(query, 'it ends where a word was expected');
    at += 1;
    if (token.type === 'op') {
      if (token.op !== '(') refuse(query, `“${token.op}” needs a word before and after it`);
      const inner = orExpr();
      if (!isOp(')')) refuse(query, 'a parenthesis is not closed');
      at += 1;
      return inner;
    }
    const words = searchTokens(token.text).map((t) => t.key);
    if (words.length === 0) refuse(query, `“${token.text}” holds no letters or digits to search for`);
    return { type: 'phrase', words, prefix: token.prefix };
  };
  const notExpr = (): QueryNode => {
    let node = primary();
    while (isOp('NOT')) {
      at += 1;
      node = { type: 'not', left: node, right: primary() };
    }
    return node;
  };
  const andExpr = (): QueryNode => {
    let node = notExpr();
    for (;;) {
      if (isOp('AND')) at += 1;
      else if (peek() === undefined || isOp('OR') || isOp(')')) return node;
      node = { type: 'and', left: node, right: notExpr() };
    }
  };
  const orExpr = (): QueryNode => {
    let node = andExpr();
    while (isOp('OR')) {
      at += 1;
      node = { type: 'or', left: node, right: andExpr() };
    }
    return node;
  };
  const tree = orExpr();
  if (at < tokens.length) refuse(query, isOp(')') ? 'a parenthesis closes that was never opened' : 'it could not be read to the end');
  return tree;
}

/** The query in FTS5 syntax: every phrase quoted (so punctuation never reaches FTS5's parser), operators bracketed. */
export function toFtsQuery(node: QueryNode): string {
  if (node.type === 'phrase') return `"${node.words.join(' ').replace(/"/g, '""')}"${node.prefix ? '*' : ''}`;
  return `(${toFtsQuery(node.left)} ${node.type.toUpperCase()} ${toFtsQuery(node.right)})`;
}

/** The phrases a matching document shows as hits: all of them but those under the right side of a NOT. */
export function positivePhrases(node: QueryNode): Phrase[] {
  if (node.type === 'phrase') return [node];
  if (node.type === 'not') return positivePhrases(node.left);
  return [...positivePhrases(node.left), ...positivePhrases(node.right)];
}
