// The work budget of an HTML import: the page is parsed first by a real HTML5 parser that stops as soon as it is deeper, larger or carries more attributes than Marginalia reads.
import { defaultTreeAdapter, Parser, Tokenizer, type DefaultTreeAdapterMap, type ParserOptions, type TreeAdapter } from 'parse5';

/**
 * What a page may hold. Real articles nest well under a hundred levels, have a few thousand elements and a few
 * attributes per element. The costs they bound: jsdom builds about 100,000 elements a second, each slower the
 * deeper it sits (140,000 elements 1,000 levels deep: two minutes), and Readability's work grows with the cube of
 * the depth; the HTML tokenizer checks each attribute against the earlier ones of the same tag, so one tag with n
 * attributes costs n² (100,000 attributes: a minute).
 */
export const HTML_BUDGET = {
  depth: 1000,
  elements: 100_000,
  /** The depths of all elements added up: jsdom's work per element grows with its depth. */
  nesting: 1_000_000,
  attributes: 100_000,
  attributesPerElement: 200,
} as const;

export type HtmlBudget = { readonly [K in keyof typeof HTML_BUDGET]: number };

export interface HtmlShape {
  /** Deepest element nesting of the parsed tree (html and body included). */
  depth: number;
  /** Elements created, implied ones (html, head, body, reopened formatting elements) included. */
  elements: number;
  /** Each element's depth where it was created, added up. */
  nesting: number;
  /** Attributes in all tags, end tags and repeated names included (they cost the tokenizer the same). */
  attributes: number;
  /** The most attributes one tag carries. */
  attributesPerElement: number;
}

export type HtmlMeasure =
  | { within: true; shape: HtmlShape }
  /** Measuring stopped at the first limit passed: the other counts are then lower bounds. */
  | { within: false; exceeded: keyof HtmlBudget; shape: HtmlShape };

class OverBudget extends Error {
  constructor(readonly exceeded: keyof HtmlBudget) {
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
    if (this.shape.attributes > this.budget.attributes) throw new OverBudget('attributes');
    super._leaveAttrName();
  }
}

/** A tree adapter that builds parse5's plain tree and stops when the open elements or the element count pass the budget. */
function countingAdapter(shape: HtmlShape, budget: HtmlBudget): TreeAdapter<DefaultTreeAdapterMap> {
  let open = 0;
  return {
    ...defaultTreeAdapter,
    createElement(tagName, namespaceURI, attrs) {
      if (++shape.elements > budget.elements) throw new OverBudget('elements');
      shape.nesting += open + 1;
      if (shape.nesting > budget.nesting) throw new OverBudget('nesting');
      return defaultTreeAdapter.createElement(tagName, namespaceURI, attrs);
    },
    onItemPush() {
      if (++open > shape.depth) shape.depth = open;
      if (shape.depth > budget.depth) throw new OverBudget('depth');
    },
    onItemPop() {
      open--;
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
 * attribute limit, no element is created past the element or nesting limit, nothing is nested past the depth limit.
 */
export function measureHtml(html: string, budget: HtmlBudget = HTML_BUDGET): HtmlMeasure {
  const shape: HtmlShape = { depth: 0, elements: 0, nesting: 0, attributes: 0, attributesPerElement: 0 };
  // Scripting disabled, as in documents made by DOMParser: <noscript> content is parsed as elements.
  const parser = new Parser<DefaultTreeAdapterMap>({ treeAdapter: countingAdapter(shape, budget), scriptingEnabled: false });
  parser.tokenizer = new CountingTokenizer(parser.options, parser, shape, budget);
  try {
    parser.tokenizer.write(html, true);
  } catch (error) {
    if (error instanceof OverBudget) return { within: false, exceeded: error.exceeded, shape };
    throw error;
  }
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
 * The processor time an HTML extraction may take: 2 s plus 2 s per MB of page. Within the work budget, pages
 * take far less (about 0.5 s per MB); the time budget is a backstop for shapes the work budget lets through.
 */
export function timeBudgetMs(chars: number): number {
  return 2000 + Math.round(chars / 500);
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
