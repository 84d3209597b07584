// Autocomplete over the actor registry, with “Create …” for a name not yet in it; an empty field never links anyone.
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { actorNameKey, actorNames, type Actor, type ActorKind } from '../../src-shared/model/actor';

export function ActorPicker(props: {
  label: string;
  actors: readonly Actor[];
  value: string | null;
  onPick: (actorId: string | null) => void;
  onCreate: (name: string, kind: ActorKind) => Promise<void>;
  autoFocus?: boolean;
}) {
  const current = props.actors.find((a) => a.id === props.value) ?? null;
  const [text, setText] = useState(current?.name ?? '');
  const [open, setOpen] = useState(false);
  /** The highlighted option; -1 for none (an empty field suggests actors but Enter picks none of them). */
  const [active, setActive] = useState(-1);
  const [newKind, setNewKind] = useState<ActorKind>('person');
  const listId = useId();
  useEffect(() => setText(current?.name ?? ''), [current?.name]);

  const matches = useMemo(() => {
    const q = actorNameKey(text);
    if (q === '') return props.actors.slice(0, 8);
    return props.actors.filter((a) => actorNames(a).some((n) => actorNameKey(n).includes(q))).slice(0, 8);
  }, [props.actors, text]);
  const exact = matches.some((a) => actorNames(a).some((n) => actorNameKey(n) === actorNameKey(text)));
  const options: ({ type: 'actor'; actor: Actor } | { type: 'new' })[] = [
    ...matches.map((actor) => ({ type: 'actor' as const, actor })),
    ...(text.trim() !== '' && !exact ? [{ type: 'new' as const }] : []),
  ];

  const optionId = (index: number) => `${listId}-${index}`;
  const choose = async (index: number) => {
    const option = options[index];
    setOpen(false);
    if (!option) return;
    if (option.type === 'actor') props.onPick(option.actor.id);
    else await props.onCreate(text.trim(), newKind);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, options.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter' && open && active >= 0 && active < options.length) {
      event.preventDefault();
      event.stopPropagation();
      void choose(active);
    } else if (event.key === 'Escape' && open && (text.trim() !== '' || active >= 0)) {
      // Esc closes a list the analyst is using; on an untouched field it goes on to leave the details.
      event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="actor-picker">
      <label>
        {props.label}
        <input
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && active >= 0 && active < options.length ? optionId(active) : undefined}
          autoFocus={props.autoFocus}
          value={text}
          placeholder="Type a name"
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            // Typing highlights the best match (or “Create …”); clearing the field highlights nothing.
            setActive(e.target.value.trim() === '' ? -1 : 0);
          }}
          onFocus={() => {
            setOpen(true);
            setActive(-1);
          }}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
        />
      </label>
      {open && options.length > 0 && (
        <ul id={listId} role="listbox" className="actor-options">
          {options.map((option, index) => (
            <li
              key={option.type === 'actor' ? option.actor.id : 'new'}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                void choose(index);
              }}
            >
              {option.type === 'actor' ? (
                <>
                  {option.actor.name}
                  {option.actor.aliases.length > 0 && <span className="aliases"> ({option.actor.aliases.join(', ')})</span>}
                </>
              ) : (
                <>Create “{text.trim()}”</>
              )}
            </li>
          ))}
        </ul>
      )}
      {text.trim() !== '' && !exact && (
        <label className="new-actor-kind">
          New actor is a
          <select value={newKind} onChange={(e) => setNewKind(e.target.value as ActorKind)}>
            <option value="person">person</option>
            <option value="organisation">organisation</option>
            <option value="state">state</option>
            <option value="other">other</option>
          </select>
        </label>
      )}
      {props.value && (
        <button type="button" className="link" onClick={() => props.onPick(null)}>
          Unlink
        </button>
      )}
    </div>
  );
}
