// The core's implementation of the contract for one open project: one handler per method.
import type { ContractHandlers, Method, ValidRequestOf } from '../../src-shared/api/contract';
import { UserError } from '../../src-shared/model/result';
import { dispatch, type UncheckedCall } from '../../src-shared/api/dispatch';
import { CHECK_RESPONSES } from './check-responses';
import { LATEST_SCHEMA_VERSION } from '../store/migrations/index';
import { liveAnnotationCount } from '../store/annotations';
import { documentCount } from '../store/documents';
import { allAnalysts, projectMeta } from '../store/project-meta';
import { actorMentions, combineActors, createActor, listActors, updateActor } from './actor-service';
import { combineAnalysts, listAnalysts, renameAnalyst } from './analyst-service';
import { createAnnotation, createAnnotations, deleteAnnotation, listAnnotations, listTagSpans, updateAnnotation } from './annotation-service';
import { getDocument, importArticle, importDocuments, listDocuments } from './document-service';
import { removeDocument, updateDocument } from './document-edit-service';
import { compactProject } from './compact-service';
import { applyTeammateFile, applyTeammateFiles, cancelTeammateFile, packForSharing, previewTeammateFile } from './merge/merge-service';
import { redo, undo } from './history-service';
import { acceptAgreed, compareForReview, computeAgreement, decideDifference } from './review-service';
import { closeTeammateFile, openTeammateFile } from './teammate-files';
import type { ProjectSession } from './session';
import { searchProject } from './search/search-service';
import { tagSearchHits } from './search/tag-all';
import { groupTagTable, queryTagTable } from './tag-table';
import { dismissFinding, listFindings } from './checks/check-service';
import { addActorRole, listActorRoles } from './checks/actor-roles';

/** Methods answered by an open project; the rest (settings, workbench, requests) belong to the app around it. */
export type ProjectMethod = Exclude<Method, `settings.${string}` | `workbench.${string}` | `request.${string}`>;
export type ProjectHandlers = Pick<ContractHandlers, ProjectMethod>;

/**
 * Loaded on first use, so that a command that needs none does not evaluate them as it starts: suggestions bring
 * an English tagger (compromise); the annotation importer brings an XML parser and a zip reader; the exporters
 * a zip writer and the report's templates.
 */
const suggestions = () => import('./suggestions/suggestion-service');
const exporters = () => import('./export/write');

export function createHandlers(session: ProjectSession): ProjectHandlers {
  return {
    'project.info': () => {
      const meta = projectMeta(session.db);
      if (!meta) throw new Error('project row missing');
      return {
        ...meta,
        schemaVersion: LATEST_SCHEMA_VERSION,
        analyst: session.currentAnalyst(),
        analysts: allAnalysts(session.db),
        documentCount: documentCount(session.db),
        annotationCount: liveAnnotationCount(session.db),
      };
    },
    'document.import': (request) => importArticle(session, request),
    'document.importMany': (request) => importDocuments(session, request),
    'document.list': (request) => listDocuments(session, request),
    'document.get': (request) => getDocument(session, request),
    'document.update': (request) => updateDocument(session, request),
    'document.remove': (request) => removeDocument(session, request),
    'annotation.create': (request) => createAnnotation(session, request),
    'annotation.createMany': (request) => createAnnotations(session, request),
    'annotation.update': (request) => updateAnnotation(session, request),
    'annotation.delete': (request) => deleteAnnotation(session, request),
    'annotation.listForDocument': (request) => listAnnotations(session, request),
    'annotation.spans': (request) => listTagSpans(session, request),
    'actor.list': (request) => listActors(session, request),
    'actor.create': (request) => createActor(session, request),
    'actor.update': (request) => updateActor(session, request),
    'actor.combine': (request) => combineActors(session, request),
    'actor.mentions': (request) => actorMentions(session, request),
    'analyst.list': () => listAnalysts(session),
    'analyst.rename': (request) => renameAnalyst(session, request),
    'analyst.combine': (request) => combineAnalysts(session, request),
    'history.undo': () => undo(session),
    'history.redo': () => redo(session),
    'export.project': async (request) => ({ files: await exportFiles(session, request) }),
    'export.write': async (request) => (await exporters()).writeExport(session, request),
    'project.compact': () => compactProject(session),
    'annotation.importFile': async (request) => (await import('./tag-import/import-service')).importAnnotationsFile(session, request),
    'project.pack': () => packForSharing(session),
    'review.compare': (request) => compareForReview(session, request),
    'review.decide': (request) => decideDifference(session, request),
    'review.acceptAgreed': (request) => acceptAgreed(session, request),
    'agreement.compute': (request) => computeAgreement(session, request),
    'review.openFile': (request) => openTeammateFile(session, request),
    'review.closeFile': (request) => closeTeammateFile(session, request),
    'merge.preview': (request) => previewTeammateFile(session, request),
    'merge.apply': (request) => applyTeammateFile(session, request),
    'merge.applyMany': (request) => applyTeammateFiles(session, request),
    'merge.cancel': (request) => cancelTeammateFile(session, request),
    'search.query': (request) => searchProject(session, request),
    'search.tagAll': (request) => tagSearchHits(session, request),
    'suggestion.list': async (request) => (await suggestions()).listSuggestions(session, request),
    'suggestion.spans': async (request) => (await suggestions()).listSuggestionSpans(session, request),
    'suggestion.accept': async (request) => (await suggestions()).acceptSuggestionKeys(session, request),
    'suggestion.reject': async (request) => (await suggestions()).rejectSuggestionKeys(session, request),
    'suggestion.acceptAll': async (request) => (await suggestions()).acceptAllSuggestions(session, request),
    'annotation.query': (request) => queryTagTable(session, request),
    'annotation.groups': (request) => groupTagTable(session, request),
    'checks.list': (request) => listFindings(session, request),
    'checks.dismiss': (request) => dismissFinding(session, request),
    'actor.addRole': (request) => addActorRole(session, request),
    'actor.roles': (request) => ({ roles: listActorRoles(session, request.actorId) }),
  };
}

async function exportFiles(session: ProjectSession, request: ValidRequestOf<'export.project'>) {
  const [{ exportProjectJson }, { exportProject }, { exportFiltersOf, snapshotOf }] = await Promise.all([
    import('./export-json'),
    import('./export/index'),
    import('./export/snapshot'),
  ]);
  const { format, jsonLines } = request;
  const filters = exportFiltersOf(session, request);
  const files =
    format === 'json'
      ? [{ path: 'project.json', mediaType: 'application/json', content: JSON.stringify(exportProjectJson(session, filters), null, 2) }]
      : exportProject(snapshotOf(session, filters), format, format === 'w3c' ? { jsonLines: jsonLines === true } : undefined);
  return files.map((file) => ({
    path: file.path,
    mediaType: file.mediaType,
    contentBase64: Buffer.from(file.content).toString('base64'),
  }));
}

/** A project's API: every call validated against the contract and answered with a Result. */
export interface ProjectApi {
  call: UncheckedCall;
}

function unsupported(): never {
  throw new UserError('unsupported', 'This is only available in the Marginalia app.');
}

/** The contract for one project without an app around it (CLI, tests): settings and workbench are unsupported. */
export function createProjectApi(session: ProjectSession): ProjectApi {
  const handlers: ContractHandlers = {
    ...createHandlers(session),
    'settings.get': unsupported,
    'settings.update': unsupported,
    'workbench.state': unsupported,
    'workbench.newProject': unsupported,
    'workbench.openProject': unsupported,
    'workbench.openRecent': unsupported,
    'workbench.removeRecent': unsupported,
    'workbench.closeProject': unsupported,
    'workbench.rememberDocument': unsupported,
    'workbench.saveExport': unsupported,
    'request.cancel': unsupported,
  };
  return { call: (method, payload) => dispatch(handlers, method, payload, { checkResponses: CHECK_RESPONSES }) };
}
