import { CallReportWindow } from './report/CallReportWindow';
import { MainWindow } from './main-window/MainWindow';
import { ProxySignIn } from './network/ProxySignIn';
import { useHashRoute } from './routing/use-hash-route';
import { useAppStatus } from './status/use-app-status';

/** One page, two kinds of window, chosen by the hash (see routing/parse-route.ts). */
export function App() {
  const route = useHashRoute();
  const appStatus = useAppStatus();
  if (route.name === 'proxy-sign-in') return <ProxySignIn proxy={route.proxy} refused={route.refused} />;
  if (route.name === 'report') return <CallReportWindow key={route.callId} callId={route.callId} appStatus={appStatus} />;
  return <MainWindow appStatus={appStatus} />;
}
