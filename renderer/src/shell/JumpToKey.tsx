/** Jump to key: type the key part (JSON5: `42`, `"abc"`, `[1,"x"]`), Enter jumps there. Mod+G focuses it. */
import { useRef, useState, type JSX } from 'react';
import { useCommand } from '../commands/use-command.js';
import { parseUserKey } from '../state/user-input.js';
import type { JsonKey } from '../../../app/contract/index.js';

export function JumpToKey({ tree, onJump }: { tree: string; onJump(key: JsonKey): Promise<string | null> }): JSX.Element {
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  useCommand({
    id: 'go.jumpToKey',
    label: 'Jump to Key…',
    group: 'Go',
    keys: ['Mod+G'],
    run: () => {
      input.current?.focus();
      input.current?.select();
    },
  });

  const submit = async () => {
    const parsed = parseUserKey(input.current?.value ?? '');
    if (!parsed.ok) {
      setMessage(parsed.reason);
      return;
    }
    try {
      setMessage(await onJump(parsed.key));
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="jump-to-key">
      <input
        ref={input}
        type="search"
        data-testid="jump-to-key"
        placeholder={`Jump to key in ${tree}…`}
        aria-label="Jump to key"
        onChange={() => setMessage(null)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            void submit();
          }
        }}
      />
      {message && (
        <span className="jump-message" data-testid="jump-message" role="status">
          {message}
        </span>
      )}
    </div>
  );
}
