import { config } from 'zod';

// For the renderer only; renderer/src/main.tsx imports it before anything else. Zod probes
// `new Function('')` to decide whether to compile fast parsers; the page's CSP has no
// 'unsafe-eval', so the probe is refused and Chromium reports a CSP violation even though zod
// catches it. jitless skips the probe (the renderer validates little, so speed does not matter).
config({ jitless: true });
