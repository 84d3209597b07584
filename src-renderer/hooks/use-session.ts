// Who works where: the workbench state (open project, host, last document) and the analyst's name, asked for once.
import { useCallback, useState } from 'react';
import type { WorkbenchState } from '../../src-shared/api/contract';
import type { Client } from '../api/client';

/**
 * `loadSession()` reads the workbench state and the settings (asking for a name when none is set) and returns the
 * state. `saveName(name)` stores the analyst's name; the core renames that analyst in place (same id).
 */
export function useSession(client: Client) {
  const [workbench, setWorkbench] = useState<WorkbenchState | null>(null);
  const [analystName, setAnalystName] = useState<string | null>(null);
  const [askName, setAskName] = useState(false);

  const loadSession = useCallback(async () => {
    const [state, settings] = await Promise.all([client.call('workbench.state', {}), client.call('settings.get', {})]);
    setWorkbench(state);
    setAnalystName(settings.analystName);
    if (!settings.analystName) setAskName(true);
    return state;
  }, [client]);

  const saveName = useCallback(
    async (name: string) => {
      const saved = await client.call('settings.update', { analystName: name });
      setAnalystName(saved.analystName);
    },
    [client],
  );

  return { workbench, analystName, askName, setAskName, loadSession, saveName };
}
