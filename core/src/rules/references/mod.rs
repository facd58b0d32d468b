//! `CAT1xx`: beyond Backstage, across all files checked together: references that resolve
//! to nothing or to the wrong kind, duplicate entities, hierarchy cycles, placeholders whose
//! file is missing or whose data cannot stand where it is.

pub mod dangling_reference;
pub mod data_placeholder_for_string;
pub mod duplicate_entity;
pub mod location_target_missing;
pub mod misspelt_reference_kind;
pub mod parent_cycle;
pub mod placeholder_target_missing;
pub mod target_outside_root;
pub mod unresolvable_reference_name;
pub mod wrong_target_kind;

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::{HashMap, HashSet};

use crate::catalog::Entity;
use crate::catalog::file::{ParsedFile, file_entities, manifest_documents};
use crate::catalog::kinds::BUILTIN_KINDS;
use crate::catalog::modules::MODULE_KINDS;
use crate::catalog::refs::{EntityRef, FoundRef, spec_refs};
use crate::consumers::argocd::appset::Expansion;
use crate::known::{Facts, KnownEntity};
use crate::naming::sources::{NamespaceUse, Origin, entity_uses, fleet, manifest_uses};
use crate::rules::{Context, Emitter, Finding, RuleMeta};
use crate::source::LineIndex;

/// A check over the whole set of files.
pub(crate) type CatalogCheck = fn(&Catalog<'_>, &mut Emitter<'_>);

/// The cross-file checks whose findings are all at the entity they judge, and depend only on
/// that entity, the static context (the policy, the known entities, the facts) and the entities
/// the check looks up by key (through [`Catalog::resolves_key`] and [`Catalog::find_key`],
/// which record the lookup): they judge the entities of [`Catalog::subjects`]. An incremental
/// check runs them only for the files whose findings a change can reach (see
/// [`crate::check::Checker::check_incremental`]) and reuses the others'.
pub(crate) static LOCAL_CHECKS: &[CatalogCheck] = &[
    dangling_reference::check,
    wrong_target_kind::check,
    misspelt_reference_kind::check,
    placeholder_target_missing::check,
    unresolvable_reference_name::check,
    location_target_missing::check,
    crate::rules::model::stage_isolation::check,
];

/// The other cross-file checks, over every file each time: aggregates (duplicates, cycles,
/// namespaces shared between files) and the Argo CD and Rancher inventories.
pub(crate) static CATALOG_CHECKS: &[CatalogCheck] = &[
    duplicate_entity::check,
    parent_cycle::check,
    crate::rules::naming::invalid_namespace_name::check,
    crate::rules::naming::namespace_convention::check,
    crate::rules::naming::namespace_collision::check,
    crate::rules::naming::inconsistent_app_namespaces::check,
    crate::rules::naming::unchecked_namespace::check,
    crate::rules::argocd::unknown_app_project::check,
    crate::rules::argocd::source_not_permitted::check,
    crate::rules::argocd::destination_not_permitted::check,
    crate::rules::argocd::unknown_project_group::check,
    crate::rules::argocd::cross_stage_destination::check,
    crate::rules::argocd::undeclared_cluster::check,
    crate::rules::argocd::undeployed_component::check,
    crate::rules::argocd::uncatalogued_namespace::check,
    crate::rules::argocd::malformed_resource::check,
    crate::rules::argocd::unknown_rbac_subject::check,
    crate::rules::rancher::unknown_binding_principal::check,
    crate::rules::rancher::invalid_principal::check,
    crate::rules::rancher::unknown_rancher_project::check,
    crate::rules::rancher::cross_stage_namespace::check,
    crate::rules::rancher::undeclared_rancher_cluster::check,
    crate::rules::rancher::project_display_name::check,
];

/// What the index reads of an entity before anything else: read once a file, when it is added
/// (see [`entity_ids`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct EntityIds {
    /// [`Entity::key`].
    pub key: Option<String>,
    /// Whether the context has a schema for its kind.
    pub recognised: bool,
    /// Whether it is recognised and its spec has one of the hierarchy's links
    /// ([`parent_cycle::HIERARCHY_FIELDS`]).
    pub hierarchy: bool,
}

/// The [`EntityIds`] of a file's entities, in the order of [`file_entities`].
pub(crate) fn entity_ids(file: &ParsedFile, index: usize, context: &Context<'_>) -> Vec<EntityIds> {
    file_entities(file, index)
        .map(|entity| {
            let recognised = context.kind_schema(&entity).is_some();
            let hierarchy = recognised
                && entity.spec().is_some_and(|spec| {
                    parent_cycle::HIERARCHY_FIELDS
                        .iter()
                        .any(|field| spec.get(field).is_some())
                });
            EntityIds {
                key: entity.key(),
                recognised,
                hierarchy,
            }
        })
        .collect()
}

/// One entity with its references.
#[derive(Debug)]
pub(crate) struct IndexedEntity<'a> {
    pub entity: Entity<'a>,
    /// The case-insensitive `kind:namespace/name`, when kind and name are strings.
    pub key: Option<&'a str>,
    /// Whether its kind is a recognised one (only then are its references read).
    recognised: bool,
    /// [`EntityIds::hierarchy`].
    pub hierarchy: bool,
    /// Its references, read when first asked for.
    refs: OnceCell<Refs<'a>>,
}

#[derive(Debug, Default)]
struct Refs<'a> {
    found: Vec<(FoundRef<'a>, EntityRef)>,
    keys: Vec<String>,
}

impl<'a> IndexedEntity<'a> {
    /// The well-formed references of a recognised kind.
    pub fn refs(&self) -> &[(FoundRef<'a>, EntityRef)] {
        &self.read_refs().found
    }

    /// The case-insensitive `kind:namespace/name` of each reference's target, in order.
    pub fn ref_keys(&self) -> &[String] {
        &self.read_refs().keys
    }

    fn read_refs(&self) -> &Refs<'a> {
        self.refs.get_or_init(|| {
            let entity = &self.entity;
            let (Some(kind), Some(spec), true) = (entity.kind(), entity.spec(), self.recognised)
            else {
                return Refs::default();
            };
            let mut found: Vec<_> = spec_refs(kind, spec, entity.namespace())
                .into_iter()
                .filter(|found| found.node.as_str().is_some())
                .filter_map(|mut found| {
                    // Moved into the pair (the rules read the pair's).
                    let parsed = std::mem::replace(
                        &mut found.parsed,
                        Err(crate::catalog::refs::RefError::Empty),
                    )
                    .ok()?;
                    Some((found, parsed))
                })
                .collect();
            found.shrink_to_fit();
            let keys = found.iter().map(|(_, target)| target.key()).collect();
            Refs { found, keys }
        })
    }
}

/// Every entity of the checked files, indexed by identity.
pub(crate) struct Catalog<'a> {
    pub files: &'a [ParsedFile],
    pub entities: Vec<IndexedEntity<'a>>,
    pub by_key: HashMap<&'a str, Vec<usize>>,
    pub known: HashSet<String>,
    /// Lowercased kinds that exist: the built-in ones, the policy's and those of known entities.
    pub kinds: HashSet<String>,
    /// Every namespace name in entity annotations and manifests.
    pub namespaces: Vec<NamespaceUse<'a>>,
    /// The policy's exempt and shared namespaces, compiled.
    pub namespace_sets: crate::naming::sources::NamespaceSets,
    /// Argo CD's AppProjects and Applications among the manifests.
    pub argocd: crate::consumers::argocd::Inventory<'a>,
    /// Rancher's Projects and bindings among the manifests.
    pub rancher: crate::consumers::rancher::Inventory<'a>,
    /// The catalog's cluster Resources and the Argo CD cluster Secrets among the manifests.
    pub clusters: crate::consumers::clusters::Clusters<'a>,
    pub context: Context<'a>,
    pub facts: &'a dyn Facts,
    /// Per file, whether [`Catalog::subjects`] yields its entities (`None`: every file's).
    scope: Option<&'a [bool]>,
    /// The file whose entity [`Catalog::subjects`] yielded last.
    subject: Cell<usize>,
    /// The keys looked up, with the file of the subject that looked each up (when recording).
    lookups: Option<RefCell<Vec<(usize, String)>>>,
}

impl<'a> Catalog<'a> {
    /// The index of `files`, whose entities' [`EntityIds`] are `ids` (one list a file).
    pub fn new(
        files: &'a [ParsedFile],
        ids: &'a [Vec<EntityIds>],
        expansion: &'a Expansion,
        known: &[KnownEntity],
        context: Context<'a>,
        facts: &'a dyn Facts,
    ) -> Self {
        let count = ids.iter().map(Vec::len).sum();
        let mut entities = Vec::with_capacity(count);
        let mut by_key: HashMap<&'a str, Vec<usize>> = HashMap::with_capacity(count);
        let mut kinds: HashSet<String> = BUILTIN_KINDS
            .iter()
            .map(|schema| schema.kind.to_lowercase())
            .collect();
        for (index, (file, ids)) in files.iter().zip(ids).enumerate() {
            for (entity, ids) in file_entities(file, index).zip(ids) {
                let key = ids.key.as_deref();
                if let Some(key) = key {
                    by_key.entry(key).or_default().push(entities.len());
                }
                entities.push(IndexedEntity {
                    entity,
                    key,
                    recognised: ids.recognised,
                    hierarchy: ids.hierarchy,
                    refs: OnceCell::new(),
                });
            }
        }
        kinds.extend(known.iter().map(|entity| entity.kind.to_lowercase()));
        kinds.extend(context.policy.kinds.iter().map(|kind| kind.to_lowercase()));
        kinds.extend(
            MODULE_KINDS
                .iter()
                .filter(|declared| context.policy.modules.contains(&declared.module))
                .map(|declared| declared.schema.kind.to_lowercase()),
        );
        let annotation = &context.policy.naming.namespace.annotation;
        let mut namespaces: Vec<NamespaceUse<'a>> = entities
            .iter()
            .flat_map(|indexed: &IndexedEntity<'a>| entity_uses(&indexed.entity, annotation))
            .collect();
        namespaces.extend(manifest_documents(files).flat_map(|document| {
            if fleet::is_fleet_path(&files[document.file].source.path) {
                fleet::bundle_uses(&document)
            } else {
                manifest_uses(&document)
            }
        }));
        // An ApplicationSet whose every Application is generated is judged through them.
        namespaces.retain(|usage| {
            usage.origin != Origin::ApplicationSet
                || !expansion
                    .complete
                    .contains(&(usage.entity.file, usage.entity.document))
        });
        let mut argocd = crate::consumers::argocd::Inventory::new(manifest_documents(files));
        let contributor = |file: usize| files[file].source.contributor.as_deref();
        argocd.add_generated(&expansion.applications, contributor);
        for generated in &expansion.applications {
            let document = generated.entity(contributor(generated.file));
            namespaces.extend(
                manifest_uses(&document)
                    .into_iter()
                    .map(|usage| NamespaceUse {
                        pointer: format!("/spec/template{}", usage.pointer),
                        origin: Origin::ApplicationSet,
                        ..usage
                    }),
            );
        }
        let rancher = crate::consumers::rancher::Inventory::new(manifest_documents(files));
        let clusters = crate::consumers::clusters::Clusters::new(
            entities.iter().map(|indexed| indexed.entity),
            manifest_documents(files),
            context.policy.clusters.rancher_id_annotation.as_deref(),
        );
        let sets = crate::naming::sources::NamespaceSets::new(&context.policy.naming.namespace);
        for usage in &mut namespaces {
            usage.exempt = usage.unchecked.is_none() && sets.is_exempt(usage.name);
        }
        Self {
            namespace_sets: sets,
            argocd,
            clusters,
            rancher,
            files,
            entities,
            by_key,
            known: known.iter().map(KnownEntity::key).collect(),
            kinds,
            namespaces,
            context,
            facts,
            scope: None,
            subject: Cell::new(0),
            lookups: None,
        }
    }

    /// Judge only the entities of the files marked in `scope` (by [`Catalog::subjects`]).
    pub fn with_scope(mut self, scope: Option<&'a [bool]>) -> Self {
        self.scope = scope;
        self
    }

    /// Record every key looked up while judging a subject (see [`Catalog::take_lookups`]).
    pub fn recording(mut self) -> Self {
        self.lookups = Some(RefCell::new(Vec::new()));
        self
    }

    /// The keys looked up since the start, each with the file of the subject judged then.
    pub fn take_lookups(&self) -> Vec<(usize, String)> {
        self.lookups
            .as_ref()
            .map(|lookups| std::mem::take(&mut *lookups.borrow_mut()))
            .unwrap_or_default()
    }

    /// The entities a local check judges ([`LOCAL_CHECKS`]): every entity, or those of the
    /// files in scope. The lookups made while one is judged are recorded as its file's.
    pub fn subjects(&self) -> impl Iterator<Item = &IndexedEntity<'a>> {
        self.indexed_subjects().map(|(_, indexed)| indexed)
    }

    /// [`Catalog::subjects`] with each one's index in [`Catalog::entities`].
    pub fn indexed_subjects(&self) -> impl Iterator<Item = (usize, &IndexedEntity<'a>)> {
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, indexed)| {
                self.scope
                    .is_none_or(|scope| scope.get(indexed.entity.file).copied().unwrap_or(false))
            })
            .inspect(|(_, indexed)| self.subject.set(indexed.entity.file))
    }

    fn record(&self, key: &str) {
        if let Some(lookups) = &self.lookups {
            lookups
                .borrow_mut()
                .push((self.subject.get(), key.to_owned()));
        }
    }

    /// Whether an entity key (`kind:namespace/name`, lowercase) is a checked or known entity.
    pub fn resolves_key(&self, key: &str) -> bool {
        self.record(key);
        self.by_key.contains_key(key) || self.known.contains(key)
    }

    /// The index of the first checked entity with this key.
    pub fn find_key(&self, key: &str) -> Option<usize> {
        self.record(key);
        self.by_key
            .get(key)
            .and_then(|indices| indices.first())
            .copied()
    }

    /// `path:line` of a byte offset, for messages that point elsewhere.
    pub fn position(&self, file: usize, offset: usize) -> String {
        let text = &self.files[file].source.text;
        let line = LineIndex::new(text).line_column(text, offset).line;
        format!("{}:{line}", self.files[file].source.path)
    }

    /// Report at a node of an entity, with a default severity of its own.
    #[allow(clippy::too_many_arguments)]
    pub fn report_with_default(
        emitter: &mut Emitter<'_>,
        rule: &'static RuleMeta,
        default: crate::diagnostic::Severity,
        entity: &Entity<'_>,
        node: &crate::yaml::Node,
        pointer: &str,
        message: String,
        help: Option<String>,
    ) {
        emitter.emit_with_default(
            rule,
            default,
            entity.file,
            Some(entity.document),
            Finding {
                span: node.span.clone(),
                pointer: pointer.to_owned(),
                message,
                help,
                fix: None,
            },
        );
    }

    /// Report at a node of an entity.
    pub fn report(
        emitter: &mut Emitter<'_>,
        rule: &'static RuleMeta,
        entity: &Entity<'_>,
        node: &crate::yaml::Node,
        pointer: &str,
        message: String,
        help: Option<String>,
    ) {
        Self::report_fix(emitter, rule, entity, node, pointer, (message, help), None);
    }

    /// Report at a node of an entity, with the change that fixes it.
    pub fn report_fix(
        emitter: &mut Emitter<'_>,
        rule: &'static RuleMeta,
        entity: &Entity<'_>,
        node: &crate::yaml::Node,
        pointer: &str,
        (message, help): (String, Option<String>),
        fix: Option<crate::diagnostic::Fix>,
    ) {
        emitter.emit(
            rule,
            entity.file,
            Some(entity.document),
            Finding {
                span: node.span.clone(),
                pointer: pointer.to_owned(),
                message,
                help,
                fix: fix.map(Box::new),
            },
        );
    }
}

/// Whether the target of a reference could ever be an entity: its name and namespace are
/// valid, and its kind is a known one (else CAT107 and CAT105 speak for it).
pub(crate) fn is_plausible(catalog: &Catalog<'_>, target: &EntityRef) -> bool {
    use crate::catalog::formats::{is_valid_dns_label, is_valid_object_name};
    is_valid_object_name(&target.name)
        && is_valid_dns_label(&target.namespace)
        && (catalog.kinds.contains(&target.kind.to_lowercase())
            || misspelt_reference_kind::suggestion(catalog, &target.kind).is_none())
}
