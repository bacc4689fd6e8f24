import type { CollectionPlan } from '../store/store.ts';
import type { Resource } from './describe-resources.ts';
import { objectShape, type Schema, typeOf } from './schema-shape.ts';

/**
 * What a store indexes for a collection, read from the contract like everything else: the fields
 * its list filters by (all but substring searches, which no index serves), the fields it sorts by
 * (its default order and the sort parameter's enum), its parent's field, and the fields other
 * collections' delete rules count by. Array fields are left out: an index holds one value a row.
 */
export function storedFields(resource: Resource, resources: Resource[]): CollectionPlan {
  const { properties } = objectShape(resource.record);
  const fields = new Set<string>();
  for (const filter of resource.filters)
    if (filter.match !== 'contains') for (const field of filter.fields) fields.add(field);
  if (resource.sort) fields.add(resource.sort.field);
  for (const field of resource.sortFields) fields.add(field);
  if (resource.parent) fields.add(resource.parent.field);
  for (const other of resources)
    for (const rule of other.restrictDelete) if (rule.collection === resource.name) fields.add(rule.field);
  const scalar = [...fields].filter((f) => properties[f] && typeOf(properties[f] as Schema) !== 'array');
  return { indexed: scalar.filter((f) => f !== resource.idField), orderField: resource.sort?.field };
}
