// tf.compat.v1.get_variable's machinery: Core/Variables/VariableScope.cs:50-78, _VariableStore.cs:41-183 and
// variable_scope.py.cs:31 and 176-226 (current; old the same logic). Variable scopes (tf.variable_scope) are not
// modelled: the current variable scope is always the root one, named "".
using System;
using System.Collections.Generic;
using static Tensorflow.Binding;
#if TFNET_V020
using Shape = Tensorflow.TensorShape;
#endif

namespace Tensorflow
{
    // VariableScope.cs lines (both tags): use_resource :27, resue :31, name :35, constructor :39-48.
    public class VariableScope
    {
        public VariableScope(bool reuse, string name = "", string name_scope = "", TF_DataType dtype = TF_DataType.TF_FLOAT)
        {
            this.name = name;
            _dtype = dtype;
            resue = reuse;
        }

        private readonly TF_DataType _dtype;

        public string name { get; }

        public bool use_resource { get; set; }

        public bool resue;

        /// <summary>VariableScope.cs:50-78: the name under this scope, created at the root name scope; dtype defaults to float32.</summary>
        public IVariableV1 get_variable(_VariableStore var_store, string name, Shape shape = null, TF_DataType dtype = TF_DataType.DtInvalid,
            object initializer = null, bool? trainable = null, List<string> collections = null, bool? use_resource = null, bool validate_shape = true,
            VariableSynchronization synchronization = VariableSynchronization.Auto, VariableAggregation aggregation = VariableAggregation.None)
        {
            var full_name = !string.IsNullOrEmpty(this.name) ? this.name + "/" + name : name;
            return tf_with(ops.name_scope(null), _ =>
            {
                if (dtype == TF_DataType.DtInvalid)
                {
                    dtype = _dtype;
                }

                return var_store.get_variable(full_name, shape: shape, dtype: dtype, initializer: initializer, trainable: trainable,
                    collections: collections, synchronization: synchronization, aggregation: aggregation);
            });
        }
    }

    /// <summary>_VariableStore.cs:26-183 (both tags); get_variable :41-64.</summary>
    public class _VariableStore
    {
        private readonly Dictionary<string, object> _vars = new();

        public IVariableV1 get_variable(string name, Shape shape = null, TF_DataType dtype = TF_DataType.TF_FLOAT, object initializer = null,
            bool? reuse = null, bool? trainable = null, List<string> collections = null, bool validate_shape = true,
            VariableSynchronization synchronization = VariableSynchronization.Auto, VariableAggregation aggregation = VariableAggregation.None)
        {
            dtype = dtype.as_base_dtype();
            trainable = variable_scope._get_trainable_value(synchronization, trainable);

            // _true_getter (:66-113): only an IInitializer keeps the collections.
            return initializer switch
            {
                IInitializer init => _get_single_variable(name, shape, dtype, init, null, trainable, collections),
                Tensor tensor => _get_single_variable(name, shape, dtype, null, tensor, trainable, null),
                _ => _get_single_variable(name, shape, dtype, null, null, trainable, null),
            };
        }

        /// <summary>
        /// :115-183: an existing name is a NotImplementedException; without an initializer a floating dtype gets
        /// glorot_uniform (random, not modelled) and any other dtype keeps a null initializer, which the variable then
        /// calls (NullReferenceException); an initializer makes a function the variable calls in its "Initializer" scope.
        /// </summary>
        private IVariableV1 _get_single_variable(string name, Shape shape, TF_DataType dtype, IInitializer initializer, Tensor init_value,
            bool? trainable, List<string> collections)
        {
            var initializing_from_value = init_value != null;
            if (_vars.ContainsKey(name))
            {
                throw new NotImplementedException("_get_single_variable");
            }

            if (initializer == null && init_value == null && dtype.is_floating())
            {
                throw Model.NotModelled("get_variable's default glorot_uniform initializer (random values)");
            }

            IVariableV1 v;
            if (initializing_from_value)
            {
                v = new ResourceVariable(init_value, name: name, trainable: trainable.Value);
            }
            else
            {
                Func<Tensor> init_val = () => initializer.Apply(new InitializerArgs(shape, dtype: dtype));
                v = variable_scope.default_variable_creator(init_val, name: name, trainable: trainable, collections: collections, dtype: dtype,
                    use_resource: variable_scope._DEFAULT_USE_RESOURCE);
            }

            _vars[name] = v;
            return v;
        }
    }

    // variable_scope.py.cs, current / old lines: _VARSTORE_KEY :29 / :28, _DEFAULT_USE_RESOURCE :31 / :30,
    // get_variable_scope :228-231 / :227-230 (the root scope of the variable scope store), _get_trainable_value
    // :261-277 / :260-276.
    public class variable_scope
    {
        public static string _VARSTORE_KEY = "__variable_store";
        public static bool _DEFAULT_USE_RESOURCE = true;

        [ThreadStatic]
        private static VariableScope t_root;

        public static VariableScope get_variable_scope() => t_root ??= new VariableScope(false);

        /// <summary>variable_scope.py.cs:217-226 (old :216-225): the graph's store, kept in the "__variable_store" collection.</summary>
        public static _VariableStore _get_default_variable_store()
        {
            var store = ops.get_collection(_VARSTORE_KEY);
            if (store != null)
            {
                return (store as List<_VariableStore>)[0];
            }

            var store1 = new _VariableStore();
            ops.add_to_collection(_VARSTORE_KEY, store1);
            return store1;
        }

        public static bool _get_trainable_value(VariableSynchronization synchronization, bool? trainable = true)
        {
            if (synchronization == VariableSynchronization.OnRead)
            {
                if (trainable.Value)
                {
                    throw new ValueError("Synchronization value can be set to VariableSynchronization.ON_READ only for non-trainable variables. "
                        + "You have specified trainable=True and synchronization=VariableSynchronization.ON_READ.");
                }
            }
            else if (!trainable.HasValue)
            {
                trainable = true;
            }

            return trainable.Value;
        }

        /// <summary>:176-215: a ResourceVariable when use_resource (the default), else a RefVariable.</summary>
        public static IVariableV1 default_variable_creator(object initial_value, string name = null, bool? trainable = null, List<string> collections = null,
            TF_DataType dtype = TF_DataType.DtInvalid, int[] shape = null, bool validate_shape = false, bool? use_resource = null,
            VariableSynchronization synchronization = VariableSynchronization.Auto, VariableAggregation aggregation = VariableAggregation.None)
        {
            trainable = _get_trainable_value(synchronization, trainable);
            use_resource ??= get_variable_scope().use_resource;
            return use_resource.Value
                ? new ResourceVariable(initial_value, trainable: trainable.Value, validate_shape: validate_shape, collections: collections, name: name, dtype: dtype, shape: shape)
                : new RefVariable(initial_value, trainable: trainable.Value, validate_shape: validate_shape, collections: collections, name: name, dtype: dtype);
        }
    }

    /// <summary>Core/Operations/Initializers/IInitializer.cs.</summary>
    public interface IInitializer
    {
        Tensor Apply(InitializerArgs args);
    }

    /// <summary>Core/Operations/Initializers/InitializerArgs.cs: current :3-20, old :7-24 (verify_shape a bool? there).</summary>
    public class InitializerArgs
    {
#if TFNET_V020
        public InitializerArgs(Shape shape, TF_DataType dtype = TF_DataType.DtInvalid, bool? verify_shape = null, string name = null)
#else
        public InitializerArgs(Shape shape, TF_DataType dtype = TF_DataType.DtInvalid, bool verify_shape = false, string name = null)
#endif
        {
            Shape = shape;
            DType = dtype;
            Name = name;
        }

        public string Name { get; set; }

        public Shape Shape { get; set; }

        public TF_DataType DType { get; set; }
    }
}

namespace Tensorflow.Operations.Initializers
{
    /// <summary>
    /// Zeros (Core/Operations/Initializers/Zeros.cs: current :20-43, old :20-43): Apply returns zeros of the
    /// initializer's own dtype (float32 unless given), ignoring the dtype asked for; the Const is named "zeros" in
    /// the current scope (array_ops.zeros).
    /// </summary>
    public class Zeros : IInitializer
    {
        private readonly Shape shape;
        private readonly TF_DataType dtype;

        public Zeros(Shape shape = null, TF_DataType dtype = TF_DataType.TF_FLOAT)
        {
            this.shape = shape;
            this.dtype = dtype;
        }

        public Tensor Apply(InitializerArgs args)
        {
            if (args.DType == TF_DataType.DtInvalid)
            {
                args.DType = dtype;
            }

            args.Shape ??= shape;
            var dims = args.Shape?.AsInts() ?? Array.Empty<int>();
            var value = GlobalStepMigration.Runtime.NDArray.Zeros(dtype.ToRuntime(), dims);
            return tf_with(ops.name_scope(null, "zeros", args.Shape), scope => constant_op.constant(value, dtype, name: scope));
        }
    }
}
