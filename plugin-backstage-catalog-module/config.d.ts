export interface Config {
  /**
   * kataster: the policy (the structure of kataster.yaml; see `@kataster/backstage-plugin`, whose
   * config schema declares it in full) and the settings of the catalog module.
   */
  kataster?: {
    /**
     * Rules whose findings are processing errors at ingestion (codes or code prefixes, as
     * `kataster check --select`, e.g. `[NS001, NS002, ORG0]`): the entity shows the catalog's
     * processing-error banner and is not updated. The other findings are recorded in the
     * `kataster.io/findings` annotation.
     * @visibility frontend
     */
    enforce?: string[];
  };
}
