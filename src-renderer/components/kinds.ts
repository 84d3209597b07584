// Display names, keys and order of the four tag kinds in the workbench.
import { ANNOTATION_KINDS, KIND_LABELS, type AnnotationKind } from '../../src-shared/model/annotation';

export const KIND_ORDER: readonly AnnotationKind[] = ANNOTATION_KINDS;
export { KIND_LABELS };
/** The number key that tags the selection as each kind. */
export const KIND_KEYS: Readonly<Record<AnnotationKind, string>> = { claim: '1', actor: '2', figure: '3', reliability_warning: '4' };
export const SHORT_LABELS: Readonly<Record<AnnotationKind, string>> = { claim: 'Claim', actor: 'Actor', figure: 'Figure', reliability_warning: 'Warning' };
export function kindForKey(key: string): AnnotationKind | undefined {
  return KIND_ORDER.find((kind) => KIND_KEYS[kind] === key);
}
