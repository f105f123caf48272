/**
 * Solvers behind one small interface ({@link io.tiersim.planner.solver.PlanSolver}): the exact
 * dynamic programme over layers ({@link io.tiersim.planner.solver.ExactSolver}, which also gives the
 * bound every plan is measured against) and the choice between it and local search ({@link
 * io.tiersim.planner.solver.SolverKind}).
 */
package io.tiersim.planner.solver;
