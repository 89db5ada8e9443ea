// Control dependencies: Core/Graphs/Graph.Control.cs (current :38-148, old :39-...) and
// Core/Graphs/_ControlDependenciesController.cs (current :57-110). A controller takes effect only when entered
// (tf_with); its Dispose does nothing, so `using (tf.control_dependencies(...))` has no effect in TensorFlow.NET.
using static Tensorflow.Binding;
using System.Collections.Generic;
using System.Linq;

namespace Tensorflow
{
    public partial class Graph
    {
        // Graph.Control.cs:31, old :32.
        public List<_ControlDependenciesController> _control_dependencies_stack { get; set; } = new();

        // Graph.Control.cs:38-70, old :39-71.
        /// <summary>
        /// The control inputs a new op gets: each open controller's inputs, unless an input of the op was itself
        /// created inside that controller, minus the op's own inputs.
        /// </summary>
        public ITensorOrOperation[] _control_dependencies_for_inputs(ITensorOrOperation[] input_ops)
        {
            var ret = new List<ITensorOrOperation>();
            foreach (var controller in _control_dependencies_stack)
            {
                var dominated = input_ops.Any(controller.op_in_group);
                if (!dominated)
                {
                    ret.AddRange(controller.control_inputs.Where(x => !input_ops.Contains(x)));
                }
            }

            return ret.ToArray();
        }

        // Graph.Control.cs:72-80, old :73-81.
        public _ControlDependenciesController control_dependencies(ITensorOrOperation[] control_inputs)
            => control_dependencies(control_inputs?.Cast<object>().ToArray());

        // Graph.Control.cs:82-115, old :83-119.
        /// <summary>
        /// A controller for <paramref name="control_inputs"/> (tensors stand for their ops; null clears the open
        /// dependencies; anything else is a TypeError "Control input must be Operation or Tensor:...").
        /// </summary>
        public _ControlDependenciesController control_dependencies(object[] control_inputs)
        {
            if (control_inputs == null || tf.Context.executing_eagerly())
            {
                return new _ControlDependenciesController(this, null);
            }

            var control_ops = new List<ITensorOrOperation>();
            foreach (var c in control_inputs)
            {
                switch (c)
                {
                    case Tensor t:
                        control_ops.Add(t.op);
                        break;
                    case Operation op:
                        control_ops.Add(op);
                        break;
                    default:
                        var t1 = c switch
                        {
                            RefVariable var => var._as_graph_element(),
                            ResourceVariable resVar => resVar.GraphElement,
                            _ => null,
                        };
                        if (t1 == null)
                        {
                            throw new TypeError($"Control input must be Operation or Tensor:{c}");
                        }

                        control_ops.Add(t1.op);
                        break;
                }
            }

            return new _ControlDependenciesController(this, control_ops);
        }

        // Graph.Control.cs:131-134, old :135-138.
        public void _push_control_dependencies_controller(_ControlDependenciesController controller) => _control_dependencies_stack.Add(controller);

        // Graph.Control.cs:136-142, old :140-146.
        public void _pop_control_dependencies_controller(_ControlDependenciesController controller) =>
            _control_dependencies_stack.RemoveAt(_control_dependencies_stack.Count - 1);

        // Graph.Control.cs:144-148, old :148-152.
        public void _record_op_seen_by_control_dependencies(Operation op)
        {
            foreach (var controller in _control_dependencies_stack)
            {
                controller.add_op(op);
            }
        }
    }

    public class _ControlDependenciesController : ITensorFlowObject
    {
        private readonly Graph _graph;
        private readonly List<ITensorOrOperation> _control_inputs_val;
        private readonly List<ITensorOrOperation> _seen_nodes = new();
        private readonly bool _new_stack;
        private List<_ControlDependenciesController> _old_stack;

        // _ControlDependenciesController.cs:57-74, old :58-75.
        public _ControlDependenciesController(Graph graph, List<ITensorOrOperation> control_inputs)
        {
            _graph = graph;
            _new_stack = control_inputs == null;
            _control_inputs_val = control_inputs ?? new List<ITensorOrOperation>();
        }

        // _ControlDependenciesController.cs:34, old :35.
        public ITensorOrOperation[] control_inputs => _control_inputs_val.ToArray();

        // _ControlDependenciesController.cs:76-79, old :77-80.
        public void add_op(ITensorOrOperation op) => _seen_nodes.Add(op);

        // _ControlDependenciesController.cs:81-84, old :82-85.
        public bool op_in_group(ITensorOrOperation op) => _seen_nodes.Contains(op);

        // _ControlDependenciesController.cs:86-100, old :87-101.
        public void __enter__()
        {
            if (_new_stack)
            {
                _old_stack = _graph._control_dependencies_stack;
                _graph._control_dependencies_stack = new List<_ControlDependenciesController>();
            }

            _graph._push_control_dependencies_controller(this);
        }

        // _ControlDependenciesController.cs:102-110, old :103-111.
        public void __exit__()
        {
            _graph._pop_control_dependencies_controller(this);
            if (_new_stack)
            {
                _graph._control_dependencies_stack = _old_stack;
            }
        }

        // _ControlDependenciesController.cs:112-115, old :113-116 (empty).
        public void Dispose()
        {
        }

        // _ControlDependenciesController.cs:117-120, old :118-121.
        public void __init__()
        {
        }

        // _ControlDependenciesController.cs:122-125, old :123-126.
        public void __del__()
        {
        }
    }
}
