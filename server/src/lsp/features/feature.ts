// A language feature (hover, code actions, completion, navigation…) is a module that declares its
// server capabilities and registers its handlers; server.ts merges them. Handlers must be wrapped
// with `guard` so that an exception costs one request, never the server.
import type { Connection, ServerCapabilities } from 'vscode-languageserver';
import type { Logger } from '../guard';
import type { Session } from '../session';

export interface Feature {
  name: string;
  capabilities: ServerCapabilities;
  register(connection: Connection, session: Session, log: Logger): void;
}
