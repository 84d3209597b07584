// Sharing with teammates: the export dialog, saving the project as one file, and previewing a teammate's file to merge.
import { useCallback, useRef, useState } from 'react';
import type { MergePreview } from '../../src-shared/api/contract';
import type { Client } from '../api/client';
import { previewTeammateFile, shareProjectFile } from '../components/ShareDialogs';
import type { LongRequests } from './use-long-request';

export type ShownMergePreview = MergePreview & { previewId: string; fileName: string };

export function useSharing(client: Client, say: (text: string) => void, clearMessage: () => void, report: (error: unknown) => void, long: LongRequests) {
  const { run } = long;
  const [exporting, setExporting] = useState(false);
  const [mergePreview, setMergePreview] = useState<ShownMergePreview | null>(null);
  const mergeInputRef = useRef<HTMLInputElement>(null);
  // After a merge that brought a second actor of one name: the actor the registry shows (a new object per request).
  const [showActor, setShowActor] = useState<{ id: string } | null>(null);

  const shareProject = useCallback(async () => {
    try {
      const saved = await run('Packing the project…', (requestId) => shareProjectFile(client, requestId));
      say(`Saved “${saved}”: send it to a teammate, who can open it or merge it.`);
    } catch (error) {
      report(error);
    }
  }, [client, say, report, run]);

  const chooseTeammateFile = useCallback(
    async (file: File) => {
      try {
        say(`Checking “${file.name}”…`);
        setMergePreview(await run(`Checking “${file.name}”…`, (requestId) => previewTeammateFile(client, file, requestId)));
        clearMessage();
      } catch (error) {
        report(error);
      }
    },
    [client, say, clearMessage, report, run],
  );

  return { exporting, setExporting, mergePreview, setMergePreview, mergeInputRef, showActor, setShowActor, shareProject, chooseTeammateFile };
}
