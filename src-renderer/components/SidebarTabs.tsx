// Left pane: tabs between the documents, the actor registry, the analysts, the suggestions and the checks (arrow keys move between the tabs).
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export type SidebarTab = 'documents' | 'actors' | 'analysts' | 'suggestions' | 'checks';

const TABS: readonly { id: SidebarTab; label: string }[] = [
  { id: 'documents', label: 'Documents' },
  { id: 'actors', label: 'Actors' },
  { id: 'analysts', label: 'Analysts' },
  { id: 'suggestions', label: 'Suggestions' },
  { id: 'checks', label: 'Checks' },
];

export function SidebarTabs(props: { tab: SidebarTab; onTab: (tab: SidebarTab) => void; children: ReactNode }) {
  const tabsRef = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const index = TABS.findIndex((t) => t.id === props.tab);
    const next = TABS[(index + step + TABS.length) % TABS.length];
    if (!next) return;
    props.onTab(next.id);
    tabsRef.current?.querySelector<HTMLButtonElement>(`#sidebar-tab-${next.id}`)?.focus();
  };
  return (
    <nav className={`sidebar sidebar-${props.tab}`} aria-label="Project">
      <div className="sidebar-tabs" role="tablist" aria-label="Sidebar" ref={tabsRef} onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`sidebar-tab-${t.id}`}
            role="tab"
            aria-selected={props.tab === t.id}
            aria-controls="sidebar-panel"
            tabIndex={props.tab === t.id ? 0 : -1}
            onClick={() => props.onTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id="sidebar-panel" className="sidebar-panel" role="tabpanel" aria-labelledby={`sidebar-tab-${props.tab}`}>
        {props.children}
      </div>
    </nav>
  );
}
