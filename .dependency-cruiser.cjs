// Import rules checked by `npm run lint`: no import cycles, and the layers point one way (src-shared is pure; the renderer reaches the core only through the contract).
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      // Type-only imports vanish when compiled and order nothing at load time (as in import/no-cycle); the list of
      // migrations names its own type from every shipped migration, which is never edited.
      comment: 'Modules that import each other cannot be read, tested or moved alone: move what both need into a third module.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-type-cycle',
      severity: 'error',
      comment: 'Types that import each other tie modules together as much as code does: declare them where both can import them.',
      // Shipped migrations import their type from the list that imports them; they are never edited.
      from: { pathNot: '^src-main/store/migrations/' },
      to: { circular: true },
    },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment: 'src-shared runs in every process and depends on nothing else in the project.',
      from: { path: '^src-shared/' },
      to: { path: '^(src-main|src-renderer)/' },
    },
    {
      name: 'renderer-not-main',
      severity: 'error',
      comment: 'The renderer reaches the core only through the contract (src-shared/api), never by importing src-main.',
      from: { path: '^src-renderer/' },
      to: { path: '^src-main/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
