// Review mode: a teammate's project file opened read-only for comparison, without merging it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResponseOf } from '../../../src-shared/api/contract';
import type { Client } from '../../api/client';

export type TeammateFile = ResponseOf<'review.openFile'>;

/**
 * The teammate's file chosen for comparison (null: none). The file's bytes go to the core, which checks them like
 * a file to merge and keeps what the review needs; the file is forgotten when another is chosen, when it is
 * closed, and when the review mode closes.
 */
export function useTeammateFile(client: Client) {
  const [file, setFile] = useState<TeammateFile | null>(null);
  const current = useRef<string | null>(null);

  const forget = useCallback(
    (id: string | null) => {
      if (id) void client.call('review.closeFile', { teammateFileId: id }).catch(() => {});
    },
    [client],
  );

  /** Opens `chosen`; resolves to what the core found in it. A refused file throws, and the previous one stays. */
  const open = useCallback(
    async (chosen: File): Promise<TeammateFile> => {
      const opened = await client.call('review.openFile', { fileName: chosen.name, content: new Uint8Array(await chosen.arrayBuffer()) });
      forget(current.current);
      current.current = opened.teammateFileId;
      setFile(opened);
      return opened;
    },
    [client, forget],
  );

  const close = useCallback(() => {
    forget(current.current);
    current.current = null;
    setFile(null);
  }, [forget]);

  useEffect(() => () => forget(current.current), [forget]);

  return { file, open, close };
}
