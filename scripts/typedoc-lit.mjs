// TypeDoc plugin: leaves out the static `styles` of lit elements. It is an implementation detail (pages
// theme elements with ::part() and --dt-* custom properties), and the comment it inherits from
// LitElement links to lit's `css`, which is not in these docs.
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const { project } = context;
    for (const reflection of project.getReflectionsByKind(ReflectionKind.Property)) {
      if (reflection.name === 'styles' && reflection.flags.isStatic)
        project.removeReflection(reflection);
    }
  });
}
