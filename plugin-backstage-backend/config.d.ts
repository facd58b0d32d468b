export interface Config {
  /** kataster: the policy (see `@kataster/backstage-plugin`) and the backend plugin's settings. */
  kataster?: {
    /** The source endpoint of `@kataster/backstage-plugin-backend`. */
    source?: {
      /**
       * The largest source file it serves, in bytes; larger ones are refused with 413. Default 1048576 (1 MiB).
       * @visibility frontend
       */
      maxBytes?: number;
    };
  };
}
