// The search box above the article: the query, article or project, the hits listed, and "Tag all results as …".
import { useState, type KeyboardEvent } from 'react';
import type { Actor, ActorKind } from '../../../src-shared/model/actor';
import type { Search } from '../../hooks/use-search';
import { SearchResults } from './SearchResults';
import { TagAllForm } from './TagAllForm';
import { hitSummary } from './search-model';
import '../../styles/search.css';

export function SearchPanel(props: {
  search: Search;
  actors: readonly Actor[];
  onCreateActor: (name: string, kind: ActorKind) => Promise<Actor>;
  onTagged: (sentence: string) => void;
  onError: (error: unknown) => void;
}) {
  const { search } = props;
  const [tagging, setTagging] = useState(false);
  const { result } = search;
  const fresh = result !== null && result.query === search.query && result.scope === search.scope;
  const project = search.scope === 'project';

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.stopPropagation();
    if (tagging) setTagging(false);
    else search.close();
  };
  const onInputKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void search.step(event.shiftKey ? -1 : 1).catch(props.onError);
  };

  return (
    <section className="search-panel" aria-label="Search" onKeyDown={onKeyDown}>
      <div className="search-bar">
        <input
          ref={search.inputRef}
          type="search"
          aria-label={project ? 'Search the project' : 'Search this article'}
          placeholder={project ? 'Search every document: words, "a phrase", prefix*, OR, NOT' : 'Search this article'}
          value={search.query}
          onChange={(e) => search.setQuery(e.target.value)}
          onKeyDown={onInputKeyDown}
          aria-invalid={search.error !== null}
          aria-describedby="search-status"
        />
        <div className="search-scope" role="group" aria-label="Where to search">
          <button type="button" aria-pressed={!project} onClick={() => search.setScope('article')} title="Ctrl/Cmd+F">This article</button>
          <button type="button" aria-pressed={project} onClick={() => search.setScope('project')} title="Ctrl/Cmd+Shift+F">All documents</button>
        </div>
        <button type="button" onClick={() => void search.step(-1).catch(props.onError)} disabled={!result?.hits.length} title="Previous hit (Shift+Enter, Shift+F3)" aria-label="Previous hit">↑</button>
        <button type="button" onClick={() => void search.step(1).catch(props.onError)} disabled={!result?.hits.length} title="Next hit (Enter, F3)" aria-label="Next hit">↓</button>
        <button type="button" onClick={search.close} title="Close (Esc)" aria-label="Close the search">✕</button>
      </div>
      <p id="search-status" className={search.error ? 'search-error' : 'search-status'} role={search.error ? 'alert' : 'status'}>
        {search.error ??
          (result && fresh
            ? `${search.current !== null ? `${(search.current + 1).toLocaleString('en')} of ` : ''}${hitSummary(result.hits.length, result.documentCount, result.truncated, project)}`
            : '')}
      </p>
      {result && fresh && result.hits.length > 0 && (
        <>
          <SearchResults hits={result.hits} grouped={project} current={search.current} onSelect={(index) => void search.goTo(index).catch(props.onError)} />
          {tagging ? (
            <TagAllForm
              key={`${result.query}|${result.scope}`}
              actors={props.actors}
              onCreateActor={props.onCreateActor}
              preview={search.previewTagAll}
              tagAll={search.tagAll}
              onDone={(sentence) => {
                setTagging(false);
                props.onTagged(sentence);
              }}
              onError={props.onError}
              onCancel={() => setTagging(false)}
            />
          ) : (
            <button type="button" className="tag-all-open" onClick={() => setTagging(true)}>Tag all results as…</button>
          )}
        </>
      )}
    </section>
  );
}
