// Resolved instead of the real `electron` package in tests (see vitest.config.ts). The real
// package's index.js would try to locate or download the Electron binary, which cannot exist
// on these machines; a test that touches Electron must `vi.mock('electron', ...)`.
throw new Error('electron is not available in tests: vi.mock("electron") in this test file');
