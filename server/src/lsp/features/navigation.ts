// Go to definition and find references between Services, pod templates, container ports and the
// Ingresses, routes and StatefulSets that name Services. The lookups are the engine's
// (engine/navigation.ts); this maps them to LSP locations.
import { Definition, DefinitionLink, Location, LocationLink } from 'vscode-languageserver';
import { definition, NavResult, references } from '../../engine/navigation';
import { guard } from '../guard';
import type { Session } from '../session';
import type { Feature } from './feature';

export const navigationFeature: Feature = {
  name: 'navigation',
  capabilities: { definitionProvider: true, referencesProvider: true },
  register(connection, session, log) {
    connection.onDefinition(
      guard(log, 'definition', null as Definition | DefinitionLink[] | null, (params) => {
        const found = lookup(session, params.textDocument.uri, (index, key, text) => definition(index, key, text, params.position));
        if (!found) return null;
        if (session.clientCapabilities.textDocument?.definition?.linkSupport) {
          return found.locations.map((l) => LocationLink.create(session.clientUri(l.file), l.range, l.selectionRange, found.origin));
        }
        return found.locations.map((l) => Location.create(session.clientUri(l.file), l.selectionRange));
      }),
    );
    connection.onReferences(
      guard(log, 'references', null as Location[] | null, (params) => {
        const found = lookup(session, params.textDocument.uri, (index, key, text) => references(index, key, text, params.position));
        if (!found) return null;
        const out = found.locations.map((l) => Location.create(session.clientUri(l.file), l.selectionRange));
        if (params.context.includeDeclaration) out.unshift(Location.create(params.textDocument.uri, found.origin));
        return out;
      }),
    );
  },
};

function lookup(session: Session, uri: string, find: (index: Session['linter']['index'], key: string, text: string) => NavResult | undefined): NavResult | undefined {
  const document = session.documents.get(uri);
  if (!document) return undefined;
  const key = session.syncDocument(uri);
  return find(session.linter.index, key, document.getText());
}
