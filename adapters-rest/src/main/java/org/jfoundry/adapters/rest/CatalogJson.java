package org.jfoundry.adapters.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jfoundry.ports.model.CatalogModel;
import org.jfoundry.ports.model.CatalogModelFields;

/** A catalog model in the camelCase shape of Foundry Local's {@code /foundry/list}; the ports own the field mapping. */
final class CatalogJson {
    private CatalogJson() {
    }

    static ObjectNode of(CatalogModel model) {
        return Json.MAPPER.convertValue(CatalogModelFields.toFields(model), ObjectNode.class);
    }
}
