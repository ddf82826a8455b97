/** The `platform` root: a namespace with nothing of its own; its fields make the calls. */
export type PlatformNamespace = Record<string, never>;
