/**
 * The data path of the local provider: the load balancers of services and the fronts of backing servers
 * run in a process of their own ({@link io.jiti.local.lb.BalancerHost}), which keeps serving its last
 * rotation when the agent dies and is adopted by the next agent, as instances are.
 */
package io.jiti.local.lb;
