import { useEffect, useState } from 'react';
import { useRingtrayApi } from '../api/api-context';
import { Icon } from '../icons/Icon';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * Copies the number through main (the page itself is denied the clipboard permission); if that
 * fails, says how to copy it by hand.
 */
export function CopyNumberButton({ number, numberElementId }: { number: string; numberElementId: string }) {
  const api = useRingtrayApi();
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2_500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () => {
    api.copyText(number).then(
      () => setState('copied'),
      () => {
        setState('failed');
        // Select the number so Ctrl+C / Cmd+C copies it straight away.
        const element = document.getElementById(numberElementId);
        const selection = window.getSelection();
        if (element && selection) {
          const range = document.createRange();
          range.selectNodeContents(element);
          selection.removeAllRanges();
          selection.addRange(range);
        }
      },
    );
  };

  return (
    <>
      <button type="button" className="button button-small button-quiet" onClick={copy} aria-label={`Copy number ${number}`}>
        <Icon name={state === 'copied' ? 'check' : 'copy'} />
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span className="copy-feedback" role="status">
        {state === 'failed' ? 'Could not copy automatically — the number is selected, press Ctrl+C (⌘C on a Mac).' : ''}
      </span>
    </>
  );
}
