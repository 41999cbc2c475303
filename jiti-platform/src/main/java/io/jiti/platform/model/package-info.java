/** The platform's values: records for its rows and references. */
package io.jiti.platform.model;
