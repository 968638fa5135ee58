/**
 * A reference to another record: click follows it (pushing history), hover
 * shows a small preview after a short pause. Whether the target exists is
 * learnt lazily, from that hover or from following it; a missing target is
 * marked `ref-broken` rather than treated as an error.
 */
import { createContext, useContext, useRef, useState, useSyncExternalStore, type JSX, type MouseEvent } from 'react';
import { copyKeyOnShortcut, keyPartOf, keyTitle, LabelledKey } from '../labels/LabelledKey.js';
import { NavigatorContext, useRecordLookup } from '../state/contexts.js';
import { RefPreview } from './RefPreview.js';

const HOVER_DELAY_MS = 250;

/**
 * Links inside the records table: no tab stops (the table is one, and its keys follow a
 * reference, Mod+Enter), and a Shift or Mod click selects rows there rather than following.
 */
export const LinksInTable = createContext(false);

/**
 * `label` overrides the label the window learnt for the target (labels/label-book.ts); `keyText` what is
 * shown of the key (a field reference's cell shows its own field's value, `IDF`, not `["FR","IDF"]`).
 */
export function RefLink({ target, label: given, keyText }: { target: string; label?: string; keyText?: string }): JSX.Element {
  const navigator = useContext(NavigatorContext);
  const lookup = useRecordLookup();
  useSyncExternalStore(lookup.subscribe, lookup.snapshot);
  useSyncExternalStore(lookup.labels.subscribe, lookup.labels.snapshot);
  const label = given ?? lookup.labels.label(target);
  const broken = lookup.state(target) === 'missing';
  const inTable = useContext(LinksInTable);
  const [anchor, setAnchor] = useState<DOMRect | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const enter = (event: MouseEvent<HTMLAnchorElement>) => {
    const element = event.currentTarget;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      void lookup.get(target).catch(() => undefined);
      setAnchor(element.getBoundingClientRect());
    }, HOVER_DELAY_MS);
  };
  const leave = () => {
    clearTimeout(timer.current);
    setAnchor(null);
  };
  const follow = (event: MouseEvent) => {
    event.preventDefault();
    if (inTable && (event.shiftKey || event.metaKey || event.ctrlKey)) return; // the row's click: a range or a toggle
    event.stopPropagation();
    leave();
    navigator.follow(target);
  };

  return (
    <>
      <a
        className={broken ? 'ref-link ref-link-broken' : 'ref-link'}
        data-testid="ref-link"
        data-target={target}
        data-broken={broken || undefined}
        data-label={label}
        href={`#${target}`}
        tabIndex={inTable ? -1 : undefined}
        onClick={follow}
        onKeyDown={copyKeyOnShortcut(target)}
        onMouseEnter={enter}
        onMouseLeave={leave}
        title={broken ? `${target} does not exist` : keyTitle(target, label, 'Go to')}
      >
        <LabelledKey label={label} keyText={keyText ?? (label === undefined ? target : keyPartOf(target))} />
        {broken && (
          <span className="ref-broken" data-testid="ref-broken">
            missing
          </span>
        )}
      </a>
      {anchor && <RefPreview target={target} anchor={anchor} />}
    </>
  );
}
