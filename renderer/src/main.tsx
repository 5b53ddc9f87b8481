import '../../shared/zod-without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RingtrayApiProvider } from './api/api-context';
import { App } from './App';
import { MissingApi } from './MissingApi';
import { getRingtrayApi } from './ringtray-api';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

function readApi() {
  try {
    return getRingtrayApi();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const api = readApi();
createRoot(root).render(
  <StrictMode>
    {typeof api === 'string' ? (
      <MissingApi message={api} />
    ) : (
      <RingtrayApiProvider api={api}>
        <App />
      </RingtrayApiProvider>
    )}
  </StrictMode>,
);
