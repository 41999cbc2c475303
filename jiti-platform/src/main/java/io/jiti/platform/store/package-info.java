/** Where the platform keeps its rows: the store interface, its JDBC implementation, the database and its migrations. */
package io.jiti.platform.store;
