// The work budget of an HTML import: the page is parsed first by a real HTML5 parser that stops as soon as it is deeper, carries more attributes on one tag, or costs more parsing work than a page of its size may take.
import { defaultTreeAdapter, Parser, Tokenizer, type DefaultTreeAdapterMap, type ParserOptions, type TreeAdapter } from 'parse5';

/**
 * What parsing costs jsdom, in microseconds of processor time (2-core AMD EPYC, jsdom 27): each element about
 * 25 µs (its style declaration, wrappers, mutation records), each attribute 12 µs (copied again when Readability
 * clones the document), and for every element and every run of text appended, a visit to each of its ancestors
 * (0.6 µs a level for an element, 0.07 µs for text: 995 levels of `<div/>` cost 0.3 s; text 900 levels deep,
 * 60 µs a word).
 */
export const HTML_COSTS = {
  char: 0.3,
  element: 25,
  attribute: 12,
  elementDepth: 0.6,
  textRun: 0.2,
  textDepth: 0.07,
} as const;

/**
 * What a page may hold. Real articles nest well under a hundred levels and have a few attributes per element;
 * their parsing costs 0.7–1.2 s per MB by HTML_COSTS (dense documentation pages with 17,000 elements and 25,000
 * attributes per MB included). The work a page may take grows with its size, so that no page takes more than about
 * 2 s per MB to read (or 2 s in all for a page under 1 MB). The tokenizer checks each attribute against the earlier
 * ones of the same tag (n² for n attributes: 100,000 attributes take a minute), hence the limit per element; and
 * Readability's work grows with the cube of the depth.
 */
export const HTML_BUDGET = {
  depth: 1000,
  attributesPerElement: 200,
  /** Parsing work (by HTML_COSTS) any page may take, in milliseconds… */
  workMs: 1000,
  /** …or, when more, this much per million characters of page. */
  workMsPerMb: 1400,
} as const;

export type HtmlBudget = { readonly [K in keyof typeof HTML_BUDGET]: number };

/** The parsing work a page of `chars` characters may take, in milliseconds. */
export function workLimitMs(chars: number, budget: HtmlBudget = HTML_BUDGET): number {
  return Math.max(budget.workMs, (budget.workMsPerMb * chars) / 1e6);
}

export interface HtmlShape {
  /** Deepest element nesting of the parsed tree (html and body included). */
  depth: number;
  /** Elements created, implied ones (html, head, body, reopened formatting elements) included. */
  elements: number;
  /** Each element's depth where it was created, added up. */
  nesting: number;
  /** Runs of text appended to the tree (the tokenizer splits text at whitespace, so about two per word). */
  textRuns: number;
  /** Each run of text's depth, added up. */
  textNesting: number;
  /** Attributes in all tags, end tags and repeated names included (they cost the tokenizer the same). */
  attributes: number;
  /** The most attributes one tag carries. */
  attributesPerElement: number;
  /** The parsing work all this costs by HTML_COSTS, in milliseconds, the characters included. */
  workMs: number;
}

export type HtmlMeasure =
  | { within: true; shape: HtmlShape }
  /** Measuring stopped at the first limit passed: the other counts are then lower bounds. */
  | { within: false; exceeded: 'depth' | 'attributesPerElement' | 'work'; shape: HtmlShape };

type Exceeded = Extract<HtmlMeasure, { within: false }>['exceeded'];

class OverBudget extends Error {
  constructor(readonly exceeded: Exceeded) {
    super(`HTML over its ${exceeded} budget`);
  }
}

/** parse5's tokenizer, counting attributes as it reads them (before it compares each with the earlier ones). */
class CountingTokenizer extends Tokenizer {
  private tag: unknown = null;
  private inTag = 0;

  constructor(
    options: ParserOptions<DefaultTreeAdapterMap>,
    handler: Parser<DefaultTreeAdapterMap>,
    private readonly shape: HtmlShape,
    private readonly budget: HtmlBudget,
    private readonly addWork: (microseconds: number) => void,
  ) {
    super(options, handler);
  }

  protected override _leaveAttrName(): void {
    if (this.currentToken !== this.tag) {
      this.tag = this.currentToken;
      this.inTag = 0;
    }
    this.inTag++;
    this.shape.attributes++;
    if (this.inTag > this.shape.attributesPerElement) this.shape.attributesPerElement = this.inTag;
    if (this.inTag > this.budget.attributesPerElement) throw new OverBudget('attributesPerElement');
    this.addWork(HTML_COSTS.attribute);
    super._leaveAttrName();
  }
}

/** A tree adapter that builds parse5's plain tree, counting what it builds; stops when the depth or the work passes the budget. */
function countingAdapter(shape: HtmlShape, budget: HtmlBudget, addWork: (microseconds: number) => void): TreeAdapter<DefaultTreeAdapterMap> {
  let open = 0;
  // Each run of text is appended to the DOM on its own, and jsdom visits every ancestor for each append.
  const addText = (): void => {
    shape.textRuns++;
    shape.textNesting += open;
    addWork(HTML_COSTS.textRun + open * HTML_COSTS.textDepth);
  };
  return {
    ...defaultTreeAdapter,
    createElement(tagName, namespaceURI, attrs) {
      shape.elements++;
      shape.nesting += open + 1;
      addWork(HTML_COSTS.element + (open + 1) * HTML_COSTS.elementDepth);
      return defaultTreeAdapter.createElement(tagName, namespaceURI, attrs);
    },
    onItemPush() {
      if (++open > shape.depth) shape.depth = open;
      if (shape.depth > budget.depth) throw new OverBudget('depth');
    },
    onItemPop() {
      open--;
    },
    insertText(parentNode, text) {
      addText();
      defaultTreeAdapter.insertText(parentNode, text);
    },
    insertTextBefore(parentNode, text, referenceNode) {
      addText();
      defaultTreeAdapter.insertTextBefore(parentNode, text, referenceNode);
    },
  };
}

type TreeNode = DefaultTreeAdapterMap['node'];

/** The deepest element nesting of a parse5 tree, walked without recursion. */
function treeDepth(root: TreeNode): number {
  let max = 0;
  const stack: Array<[TreeNode, number]> = [[root, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    const elementDepth = 'tagName' in node ? depth + 1 : depth;
    if (elementDepth > max) max = elementDepth;
    if ('childNodes' in node) for (const child of node.childNodes) stack.push([child, elementDepth]);
    if ('content' in node) stack.push([node.content, elementDepth]);
  }
  return max;
}

/**
 * Parses `html` as the HTML standard says (as jsdom will) and measures it, stopping at the first limit of `budget`
 * it passes. The parser's work up to that point is bounded by the budget itself: no tag is read past its
 * attribute limit, nothing is created once the work passes the page's limit, nothing is nested past the depth limit.
 */
export function measureHtml(html: string, budget: HtmlBudget = HTML_BUDGET): HtmlMeasure {
  const shape: HtmlShape = {
    depth: 0, elements: 0, nesting: 0, textRuns: 0, textNesting: 0, attributes: 0, attributesPerElement: 0, workMs: 0,
  };
  const limitUs = workLimitMs(html.length, budget) * 1000;
  let workUs = html.length * HTML_COSTS.char;
  const addWork = (microseconds: number): void => {
    workUs += microseconds;
    if (workUs > limitUs) throw new OverBudget('work');
  };
  // Scripting disabled, as in documents made by DOMParser: <noscript> content is parsed as elements.
  const parser = new Parser<DefaultTreeAdapterMap>({ treeAdapter: countingAdapter(shape, budget, addWork), scriptingEnabled: false });
  parser.tokenizer = new CountingTokenizer(parser.options, parser, shape, budget, addWork);
  try {
    if (workUs > limitUs) throw new OverBudget('work');
    parser.tokenizer.write(html, true);
  } catch (error) {
    shape.workMs = workUs / 1000;
    if (error instanceof OverBudget) return { within: false, exceeded: error.exceeded, shape };
    throw error;
  }
  shape.workMs = workUs / 1000;
  // Misnested tags can build a tree deeper than the parser's stack of open elements ever was.
  shape.depth = Math.max(shape.depth, treeDepth(parser.document));
  if (shape.depth > budget.depth) return { within: false, exceeded: 'depth', shape };
  return { within: true, shape };
}

/** Processor time this process has used, in milliseconds (other programs' load does not count). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * The processor time an HTML extraction may take: 2 s per MB of page, and 2 s for a page under 1 MB. The work
 * budget keeps parsing well inside it; what is left decides whether Readability runs (see parse-html.ts), and the
 * time budget is a backstop for shapes the work budget does not foresee.
 */
export function timeBudgetMs(chars: number): number {
  return Math.max(2000, Math.round(chars / 500));
}

/**
 * A budget of processor time, checked between the phases of an extraction (jsdom and Readability are synchronous
 * and cannot be interrupted). Processor time rather than the clock, so a busy machine does not refuse a normal page.
 */
export class Deadline {
  private readonly end: number;

  constructor(
    readonly budgetMs: number,
    private readonly refusal: () => Error,
  ) {
    this.end = cpuMs() + budgetMs;
  }

  /** Processor time left, in milliseconds (negative once spent). */
  remainingMs(): number {
    return this.end - cpuMs();
  }

  /** Throws the refusal once the budget is spent. */
  check(): void {
    if (cpuMs() > this.end) throw this.refusal();
  }
}
