// A tag in a few words — its status, linked actor, value or severity — for the tag list and the article's hover text.
import type { Actor } from '../../src-shared/model/actor';
import { figureValue, type Annotation } from '../../src-shared/model/annotation';

export function tagSummary(annotation: Annotation, actors: ReadonlyMap<string, Actor>): string {
  switch (annotation.kind) {
    case 'claim': {
      const who = annotation.attributes.claimantId ? actors.get(annotation.attributes.claimantId)?.name : null;
      return `${annotation.attributes.status}${who ? ` · claimed by ${who}` : ''}`;
    }
    case 'actor':
      return annotation.attributes.actorId ? `→ ${actors.get(annotation.attributes.actorId)?.name ?? 'an actor no longer in the registry'}` : 'not linked to an actor';
    case 'figure': {
      const value = figureValue(annotation.attributes);
      return value === null ? 'no value' : `${value.toLocaleString('en-US')}${annotation.attributes.unit ? ` ${annotation.attributes.unit}` : ''}`;
    }
    case 'reliability_warning':
      return `${annotation.attributes.severity} · ${annotation.attributes.category.replace(/_/g, ' ')}`;
  }
}
