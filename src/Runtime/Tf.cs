using System;
using System.Collections.Generic;
using System.Linq;
using GlobalStepMigration.Runtime.Checkpoints;
using GlobalStepMigration.Runtime.Compat.V1.Train;
using KerasOptimizers = GlobalStepMigration.Runtime.Keras.Optimizers;
using KerasSchedules = GlobalStepMigration.Runtime.Keras.Optimizers.Schedules;

namespace GlobalStepMigration.Runtime;

/// <summary>
/// The entry point, mirroring TensorFlow's Python module tree: <c>tf.constant</c> is
/// <c>Tf.Constant</c>, <c>tf.compat.v1.train.get_global_step</c> is
/// <c>Tf.Compat.V1.Train.GetGlobalStep</c>, <c>tf.keras.optimizers.SGD</c> is
/// <c>Tf.Keras.Optimizers.SGD</c>.
/// </summary>
public static partial class Tf
{
    /// <summary><c>tf.float32</c>.</summary>
    public const DType Float32 = DType.Float32;

    /// <summary><c>tf.float64</c>.</summary>
    public const DType Float64 = DType.Float64;

    /// <summary><c>tf.int32</c>.</summary>
    public const DType Int32 = DType.Int32;

    /// <summary><c>tf.int64</c>.</summary>
    public const DType Int64 = DType.Int64;

    /// <summary><c>tf.bool</c>.</summary>
    public const DType Bool = DType.Bool;

    /// <summary>
    /// TensorFlow's <c>tf.executing_eagerly()</c>: true unless a graph is pushed with <c>AsDefault()</c> on this
    /// thread or eager execution is disabled for this thread (<see cref="Compat.V1.DisableEagerExecution"/>).
    /// </summary>
    public static bool ExecutingEagerly() => DefaultGraphStack.ExecutingEagerly;

    /// <summary>A constant (in the default graph, or eager).</summary>
    public static Tensor Constant(NDArray value, DType? dtype = null, string name = "Const")
    {
        ArgumentNullException.ThrowIfNull(value);
        return Ops.Const(dtype is DType d && d != value.DType ? value.AsType(d) : value, name);
    }

    /// <summary>
    /// Creates a variable: in the default graph when one is set (a TF1 graph variable that must be
    /// initialized), otherwise eagerly.
    /// </summary>
    public static Variable Variable(Tensor initialValue, bool trainable = true, string? name = null, DType? dtype = null) =>
        Runtime.Variable.Create(DefaultGraphStack.Top, initialValue, name, trainable, dtype, collections: null);

    /// <summary>Elementwise sum.</summary>
    public static Tensor Add(Tensor x, Tensor y, string? name = null) => Ops.Binary("Add", x, y, name);

    /// <summary>Elementwise difference.</summary>
    public static Tensor Subtract(Tensor x, Tensor y, string? name = null) => Ops.Binary("Sub", x, y, name);

    /// <summary>Elementwise product.</summary>
    public static Tensor Multiply(Tensor x, Tensor y, string? name = null) => Ops.Binary("Mul", x, y, name);

    /// <summary>Elementwise true division.</summary>
    public static Tensor Divide(Tensor x, Tensor y, string? name = null) => Ops.TrueDiv(x, y, name);

    /// <summary>Elementwise power.</summary>
    public static Tensor Pow(Tensor x, Tensor y, string? name = null) => Ops.Binary("Pow", x, y, name);

    /// <summary>Elementwise maximum.</summary>
    public static Tensor Maximum(Tensor x, Tensor y, string? name = null) => Ops.Binary("Maximum", x, y, name);

    /// <summary>Elementwise minimum.</summary>
    public static Tensor Minimum(Tensor x, Tensor y, string? name = null) => Ops.Binary("Minimum", x, y, name);

    /// <summary>Elementwise square.</summary>
    public static Tensor Square(Tensor x, string? name = null) => Ops.Unary("Square", x, name);

    /// <summary>Elementwise square root.</summary>
    public static Tensor Sqrt(Tensor x, string? name = null) => Ops.Unary("Sqrt", x, name);

    /// <summary>Elementwise exponential.</summary>
    public static Tensor Exp(Tensor x, string? name = null) => Ops.Unary("Exp", x, name);

    /// <summary>Elementwise natural logarithm.</summary>
    public static Tensor Log(Tensor x, string? name = null) => Ops.Unary("Log", x, name);

    /// <summary>Elementwise cosine.</summary>
    public static Tensor Cos(Tensor x, string? name = null) => Ops.Unary("Cos", x, name);

    /// <summary>Elementwise floor.</summary>
    public static Tensor Floor(Tensor x, string? name = null) => Ops.Unary("Floor", x, name);

    /// <summary>Elementwise absolute value.</summary>
    public static Tensor Abs(Tensor x, string? name = null) => Ops.Unary("Abs", x, name);

    /// <summary>The input unchanged (a new op in a graph).</summary>
    public static Tensor Identity(Tensor x, string? name = null) => Ops.Unary("Identity", x, name);

    /// <summary>Zeros shaped like the input.</summary>
    public static Tensor ZerosLike(Tensor x, string? name = null) => Ops.Unary("ZerosLike", x, name);

    /// <summary>Ones shaped like the input.</summary>
    public static Tensor OnesLike(Tensor x, string? name = null) => Ops.Unary("OnesLike", x, name);

    /// <summary>Converts to another dtype (integers truncate toward zero).</summary>
    public static Tensor Cast(Tensor x, DType dtype, string? name = null) => Ops.Cast(x, dtype, name);

    /// <summary>Picks elements of <paramref name="x"/> where the condition holds, else of <paramref name="y"/>.</summary>
    public static Tensor Where(Tensor condition, Tensor x, Tensor y, string? name = null) => Ops.Select(condition, x, y, name);

    /// <summary>Matrix product of two 2-d tensors.</summary>
    public static Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false, string? name = null)
    {
        var (x, y) = Ops.Harmonize("MatMul", a, b);
        return Ops.Apply("MatMul", new[] { x, y }, name, new Attrs { ["transpose_a"] = transposeA, ["transpose_b"] = transposeB })[0];
    }

    /// <summary>Sum over the given axes (all when null).</summary>
    public static Tensor ReduceSum(Tensor x, int[]? axis = null, bool keepdims = false, string? name = null) =>
        Ops.Unary("Sum", x, name, new Attrs { ["axis"] = axis, ["keepdims"] = keepdims });

    /// <summary>Mean over the given axes (all when null).</summary>
    public static Tensor ReduceMean(Tensor x, int[]? axis = null, bool keepdims = false, string? name = null) =>
        Ops.Unary("Mean", x, name, new Attrs { ["axis"] = axis, ["keepdims"] = keepdims });

    /// <summary>
    /// An op that runs its inputs in the order given (TensorFlow's <c>tf.group</c>). Eagerly the
    /// inputs have already run, and the result is null. Null inputs are skipped.
    /// </summary>
    public static Operation? Group(params object?[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var graph = inputs.Select(i => i switch { Operation o => o.Graph, Tensor t => t.Graph, _ => null }).FirstOrDefault(g => g is not null)
            ?? DefaultGraphStack.Top;
        if (graph is null)
        {
            return null;
        }

        using (graph.ControlDependencies(inputs))
        {
            return graph.CreateNoOp("group_deps");
        }
    }

    /// <summary>Operations created in the scope run after the given ones (a no-op eagerly).</summary>
    public static IDisposable ControlDependencies(params object?[] controlInputs)
    {
        ArgumentNullException.ThrowIfNull(controlInputs);
        var graph = DefaultGraphStack.Top;
        return graph is null ? new Graph.Scope(() => { }) : graph.ControlDependencies(controlInputs);
    }

    /// <summary>
    /// Opens a name scope (TensorFlow's <c>tf.name_scope</c>): in the default graph when building one; eagerly it
    /// touches no graph (<see cref="EagerNameScope"/>).
    /// </summary>
    public static NameScope NameScope(string? name) =>
        DefaultGraphStack.ExecutingEagerly ? EagerNameScope.Enter(name) : DefaultGraphStack.Current.NameScope(name);

    /// <summary>Opens a gradient tape (TensorFlow's <c>tf.GradientTape()</c>).</summary>
    public static GradientTape GradientTape(bool persistent = false) => new(persistent);

    /// <summary>Symbolic gradients of <paramref name="ys"/> with respect to <paramref name="xs"/> in a graph.</summary>
    public static List<Tensor?> Gradients(Tensor ys, IEnumerable<Tensor> xs)
    {
        ArgumentNullException.ThrowIfNull(ys);
        ArgumentNullException.ThrowIfNull(xs);
        return Backprop.GraphGradients(ys, xs);
    }

    /// <summary><c>tf.compat</c>.</summary>
    public static class Compat
    {
        /// <summary><c>tf.compat.v1</c>: the TensorFlow 1 API.</summary>
        public static class V1
        {
            /// <summary>A placeholder to feed in <see cref="Runtime.Session.Run(Tensor, FeedDict?)"/>.</summary>
            public static Tensor Placeholder(DType dtype, TensorShape? shape = null, string? name = null)
            {
                var graph = DefaultGraphStack.Top ?? throw new InvalidOperationException(
                    "tf.placeholder() is not compatible with eager execution.");
                return graph.CreateOp(OpRegistry.Get("Placeholder"), name ?? "Placeholder", Array.Empty<Tensor>(),
                    new Attrs { ["dtype"] = dtype, ["shape"] = shape ?? TensorShape.Unknown }, new[] { (dtype, shape ?? TensorShape.Unknown) }).Outputs[0];
            }

            /// <summary>An op that initializes every variable in GLOBAL_VARIABLES at the time of the call.</summary>
            public static Operation GlobalVariablesInitializer() => VariablesInitializer(GlobalVariables());

            /// <summary>An op that initializes every variable in LOCAL_VARIABLES at the time of the call (TensorFlow's <c>local_variables_initializer</c>).</summary>
            public static Operation LocalVariablesInitializer() => VariablesInitializer(LocalVariables());

            /// <summary>An op named <paramref name="name"/> that runs the initializers of <paramref name="varList"/> (TensorFlow's <c>variables_initializer</c>).</summary>
            public static Operation VariablesInitializer(IEnumerable<Variable> varList, string name = "init")
            {
                ArgumentNullException.ThrowIfNull(varList);
                var graph = DefaultGraphStack.Current;
                var initializers = varList.Select(v => v.Initializer).Where(i => i is not null).Cast<object?>().ToArray();
                using (graph.ControlDependencies(initializers))
                {
                    return graph.CreateNoOp(name);
                }
            }

            /// <summary>The variables of the default graph's GLOBAL_VARIABLES collection (TensorFlow's <c>global_variables()</c>).</summary>
            public static List<Variable> GlobalVariables(string? scope = null) => GetCollection(GraphKeys.GLOBAL_VARIABLES, scope).OfType<Variable>().ToList();

            /// <summary>The variables of the default graph's LOCAL_VARIABLES collection (TensorFlow's <c>local_variables()</c>).</summary>
            public static List<Variable> LocalVariables(string? scope = null) => GetCollection(GraphKeys.LOCAL_VARIABLES, scope).OfType<Variable>().ToList();

            /// <summary>The variables of the default graph's TRAINABLE_VARIABLES collection (TensorFlow's <c>trainable_variables()</c>).</summary>
            public static List<Variable> TrainableVariables(string? scope = null) => GetCollection(GraphKeys.TRAINABLE_VARIABLES, scope).OfType<Variable>().ToList();

            /// <summary>
            /// TensorFlow's <c>tf.compat.v1.Variable</c>: like <see cref="Tf.Variable"/>, with the collections a graph
            /// variable joins (default GLOBAL_VARIABLES; TRAINABLE_VARIABLES is added when trainable). Eagerly
            /// TensorFlow ignores the collections, except that a variable given GLOBAL_STEP joins that collection of the
            /// default graph.
            /// </summary>
            public static Runtime.Variable Variable(Tensor initialValue, bool trainable = true, IEnumerable<string>? collections = null, string? name = null, DType? dtype = null) =>
                Runtime.Variable.Create(DefaultGraphStack.Top, initialValue, name, trainable, dtype, collections);

            /// <summary>
            /// TensorFlow's functional <c>tf.compat.v1.assign(ref, value)</c>: sets a variable (or a graph variable's reference
            /// tensor); returns the assigned value. Any other tensor throws <see cref="AttributeErrorException"/>
            /// (<c>'EagerTensor' object has no attribute 'assign'</c>).
            /// </summary>
            public static Tensor Assign(Tensor @ref, Tensor value, string? name = null) => StateOps.Update("Assign", @ref, value, name);

            /// <summary>TensorFlow's <c>tf.compat.v1.assign_add(ref, value)</c>; see <see cref="Assign"/>.</summary>
            public static Tensor AssignAdd(Tensor @ref, Tensor value, string? name = null) => StateOps.Update("AssignAdd", @ref, value, name);

            /// <summary>TensorFlow's <c>tf.compat.v1.assign_sub(ref, value)</c>; see <see cref="Assign"/>.</summary>
            public static Tensor AssignSub(Tensor @ref, Tensor value, string? name = null) => StateOps.Update("AssignSub", @ref, value, name);

            /// <summary>A session on <paramref name="graph"/> or the default graph.</summary>
            public static Session Session(Graph? graph = null) => new(graph);

            /// <summary>
            /// The default graph: the innermost graph pushed with <c>AsDefault()</c> on this thread, else the
            /// thread's global default graph (created on first use).
            /// </summary>
            public static Graph GetDefaultGraph() => DefaultGraphStack.Current;

            /// <summary>
            /// Replaces the calling thread's global default graph by a new one (TensorFlow's
            /// <c>tf.compat.v1.reset_default_graph</c>). Inside an <c>AsDefault()</c> scope it throws
            /// <see cref="InvalidOperationException"/> (TensorFlow's AssertionError).
            /// </summary>
            public static void ResetDefaultGraph() => DefaultGraphStack.ResetGlobal();

            /// <summary>
            /// Turns eager execution off (TensorFlow's <c>tf.compat.v1.disable_eager_execution</c>): for the
            /// process default and for the calling thread. Ops, variables, optimizers and the global step are
            /// then built into the thread's global default graph (or the graph pushed with <c>AsDefault()</c>)
            /// and run with a <see cref="Runtime.Session"/>. Threads that already asked for the mode keep theirs.
            /// </summary>
            public static void DisableEagerExecution() => EagerContext.Disable();

            /// <summary>
            /// Turns eager execution back on (TensorFlow's <c>tf.compat.v1.enable_eager_execution</c>). Does nothing
            /// when the process default is eager; throws <see cref="ValueErrorException"/>
            /// (<c>tf.enable_eager_execution must be called at program startup.</c>) when this thread has already
            /// used its global default graph in graph mode (call <see cref="ResetDefaultGraph"/> first).
            /// </summary>
            public static void EnableEagerExecution() => EagerContext.Enable();

            /// <summary>The items of a collection of the default graph.</summary>
            public static List<object> GetCollection(string key, string? scope = null) => DefaultGraphStack.Current.GetCollection(key, scope);

            /// <summary>The live list of a collection of the default graph.</summary>
            public static List<object> GetCollectionRef(string key) => DefaultGraphStack.Current.GetCollectionRef(key);

            /// <summary>Appends to a collection of the default graph.</summary>
            public static void AddToCollection(string key, object value) => DefaultGraphStack.Current.AddToCollection(key, value);

            /// <summary>Symbolic gradients (TensorFlow's <c>tf.compat.v1.gradients</c>).</summary>
            public static List<Tensor?> Gradients(Tensor ys, IEnumerable<Tensor> xs) => Tf.Gradients(ys, xs);

            /// <summary>
            /// Gets or creates a variable named by the variable scope and <paramref name="name"/>
            /// (TensorFlow's <c>tf.compat.v1.get_variable</c>). The default initializer is zeros.
            /// </summary>
            public static Variable GetVariable(string name, TensorShape? shape = null, DType? dtype = null, Initializer? initializer = null,
                bool? trainable = null, IEnumerable<string>? collections = null) =>
                VariableScopes.GetVariable(name, shape, dtype, initializer, trainable, collections);

            /// <summary><c>tf.compat.v1.AUTO_REUSE</c>: get an existing variable or create it.</summary>
            public const ReuseMode AUTO_REUSE = ReuseMode.AutoReuse;

            /// <summary>
            /// Enters a variable scope (TensorFlow's <c>tf.compat.v1.variable_scope(name, reuse=...)</c>), which also opens a
            /// name scope of the same name. Returns the entered scope; disposing it leaves it. Reuse is inherited:
            /// inside a reusing scope, <c>reuse: false</c> or null keeps the outer mode.
            /// </summary>
            public static Runtime.VariableScope VariableScope(string name, bool? reuse = null) => VariableScopes.Open(name, VariableScopes.FromBool(reuse));

            /// <summary>Enters a variable scope with a reuse mode (for <see cref="AUTO_REUSE"/>).</summary>
            public static Runtime.VariableScope VariableScope(string name, ReuseMode reuse) => VariableScopes.Open(name, reuse);

            /// <summary>Enters an existing variable scope again, in its original name scope (<c>variable_scope(scope, reuse=...)</c>).</summary>
            public static Runtime.VariableScope VariableScope(Runtime.VariableScope scope, bool? reuse = null) => VariableScopes.Open(scope, VariableScopes.FromBool(reuse));

            /// <summary>Enters an existing variable scope again with a reuse mode.</summary>
            public static Runtime.VariableScope VariableScope(Runtime.VariableScope scope, ReuseMode reuse) => VariableScopes.Open(scope, reuse);

            /// <summary>The current variable scope (TensorFlow's <c>tf.compat.v1.get_variable_scope()</c>): the root scope, named <c>""</c>, outside any.</summary>
            public static Runtime.VariableScope GetVariableScope() => VariableScopes.Current();

            /// <summary>An initializer of zeros.</summary>
            public static Initializer ZerosInitializer() => new ConstantInitializer(0, "zeros");

            /// <summary>An initializer of a constant value.</summary>
            public static Initializer ConstantInitializer(double value) => new ConstantInitializer(value);

            /// <summary>Standard collection names (TensorFlow's <c>tf.compat.v1.GraphKeys</c>).</summary>
            public static class GraphKeys
            {
                /// <summary>The global step variable.</summary>
                public const string GLOBAL_STEP = "global_step";

                /// <summary>Every variable to save and initialize.</summary>
                public const string GLOBAL_VARIABLES = "variables";

                /// <summary>The variables optimizers update by default.</summary>
                public const string TRAINABLE_VARIABLES = "trainable_variables";

                /// <summary>The training ops.</summary>
                public const string TRAIN_OP = "train_op";

                /// <summary>Variables local to a process (counters, metrics): not saved, initialized by <c>LocalVariablesInitializer()</c>.</summary>
                public const string LOCAL_VARIABLES = "local_variables";

                /// <summary>Ops to run with the train op (batch-norm moving averages), by convention under a control dependency.</summary>
                public const string UPDATE_OPS = "update_ops";

                /// <summary>Saveable objects other than variables; a <c>Saver</c> without a var list saves them too.</summary>
                public const string SAVEABLE_OBJECTS = "saveable_objects";

                /// <summary>The cached read of the global step used by hooks.</summary>
                public const string GLOBAL_STEP_READ_KEY = "global_step_read_op_cache";
            }

            /// <summary>TensorFlow's logging, as far as the global step functions use it.</summary>
            public static class Logging
            {
                private static readonly System.Threading.AsyncLocal<Action<string>?> Handler = new();

                /// <summary>Logs an error (to standard error as <c>ERROR:tensorflow:message</c>, or to a captured handler).</summary>
                public static void Error(string message) => Write("ERROR:tensorflow:", message);

                /// <summary>Logs a warning (to standard error as <c>WARNING:tensorflow:message</c>, or to a captured handler).</summary>
                public static void Warning(string message) => Write("WARNING:tensorflow:", message);

                /// <summary>Python's <c>warnings.warn(message)</c>, as Keras uses it: <c>UserWarning: message</c> on standard error.</summary>
                internal static void PythonWarning(string message) => Write("UserWarning: ", message);

                private static void Write(string prefix, string message)
                {
                    var handler = Handler.Value;
                    if (handler is not null)
                    {
                        handler(message);
                    }
                    else
                    {
                        Console.Error.WriteLine(prefix + message);
                    }
                }

                /// <summary>Sends the messages logged in this async flow (errors and warnings) to <paramref name="handler"/> until disposed.</summary>
                public static IDisposable Capture(Action<string> handler)
                {
                    var previous = Handler.Value;
                    Handler.Value = handler;
                    return new Graph.Scope(() => Handler.Value = previous);
                }
            }

            /// <summary><c>tf.compat.v1.train</c>: the global step functions, TF1 optimizers and decay functions.</summary>
            public static class Train
            {
                /// <summary>
                /// The global step of <paramref name="graph"/> (default graph when null): the single item of
                /// the GLOBAL_STEP collection, else the tensor <c>global_step:0</c>, else null. With more than
                /// one item in the collection, logs an error and returns null.
                /// </summary>
                public static Tensor? GetGlobalStep(Graph? graph = null) => TrainingUtil.GetGlobalStep(graph);

                /// <summary>Creates the global step: a non-trainable int64 scalar variable starting at 0.</summary>
                public static Variable CreateGlobalStep(Graph? graph = null) => TrainingUtil.CreateGlobalStep(graph);

                /// <summary>The global step, created when there is none.</summary>
                public static Tensor GetOrCreateGlobalStep(Graph? graph = null) => TrainingUtil.GetOrCreateGlobalStep(graph);

                /// <summary>Throws <see cref="TypeErrorException"/> unless the value is an integer scalar variable or tensor.</summary>
                public static void AssertGlobalStep(object? globalStepTensor) => TrainingUtil.AssertGlobalStep(globalStepTensor);

                /// <summary>The value of the global step: eagerly the variable's value, else run in <paramref name="sess"/> (a name is accepted).</summary>
                public static long GlobalStep(Session? sess, object globalStepTensor) => TrainingUtil.GlobalStepValue(sess, globalStepTensor);

                /// <summary>
                /// A saver of the default graph's global (and saveable) variables (TensorFlow's <c>tf.compat.v1.train.Saver()</c>);
                /// see <see cref="Runtime.Compat.V1.Train.Saver"/>.
                /// </summary>
                public static Runtime.Compat.V1.Train.Saver Saver(IEnumerable<Runtime.Variable>? varList = null, int? maxToKeep = 5, double keepCheckpointEveryNHours = 10000.0,
                    bool allowEmpty = false, bool padStepNumber = false, bool saveRelativePaths = false) =>
                    new(varList, maxToKeep, keepCheckpointEveryNHours, allowEmpty, padStepNumber, saveRelativePaths);

                /// <summary>A saver storing each variable under the key given (TensorFlow's dict <c>var_list</c>).</summary>
                public static Runtime.Compat.V1.Train.Saver Saver(IReadOnlyDictionary<string, Runtime.Variable> varList, int? maxToKeep = 5, double keepCheckpointEveryNHours = 10000.0,
                    bool allowEmpty = false, bool padStepNumber = false, bool saveRelativePaths = false) =>
                    new(varList, maxToKeep, keepCheckpointEveryNHours, allowEmpty, padStepNumber, saveRelativePaths);

                /// <summary>The latest checkpoint prefix recorded in <paramref name="checkpointDir"/> (TensorFlow's <c>latest_checkpoint</c>).</summary>
                public static string? LatestCheckpoint(string checkpointDir, string? latestFilename = null) => Tf.Train.LatestCheckpoint(checkpointDir, latestFilename);

                /// <summary>The state file of <paramref name="checkpointDir"/> (TensorFlow's <c>get_checkpoint_state</c>).</summary>
                public static CheckpointState? GetCheckpointState(string checkpointDir, string? latestFilename = null) => Tf.Train.GetCheckpointState(checkpointDir, latestFilename);

                /// <summary>The keys and shapes of a checkpoint (TensorFlow's <c>list_variables</c>).</summary>
                public static List<(string Name, int[] Shape)> ListVariables(string ckptDirOrFile) => Tf.Train.ListVariables(ckptDirOrFile);

                /// <summary>The value of one key of a checkpoint (TensorFlow's <c>load_variable</c>).</summary>
                public static NDArray LoadVariable(string ckptDirOrFile, string name) => Tf.Train.LoadVariable(ckptDirOrFile, name);

                /// <summary>A gradient descent optimizer.</summary>
                public static GradientDescentOptimizer GradientDescentOptimizer(Tensor learningRate, bool useLocking = false, string name = "GradientDescent") =>
                    new(learningRate, useLocking, name);

                /// <summary>A momentum optimizer.</summary>
                public static MomentumOptimizer MomentumOptimizer(Tensor learningRate, double momentum, bool useLocking = false, string name = "Momentum", bool useNesterov = false) =>
                    new(learningRate, momentum, useLocking, name, useNesterov);

                /// <summary>An Adam optimizer with TF1's defaults (epsilon 1e-8).</summary>
                public static AdamOptimizer AdamOptimizer(Tensor? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, bool useLocking = false, string name = "Adam") =>
                    new(learningRate, beta1, beta2, epsilon, useLocking, name);

                /// <summary><c>learning_rate * decay_rate ^ (global_step / decay_steps)</c>, floored exponent when staircase.</summary>
                public static Tensor ExponentialDecay(Tensor learningRate, Tensor globalStep, double decaySteps, double decayRate, bool staircase = false, string? name = null) =>
                    new KerasSchedules.ExponentialDecay(Required(learningRate, "exponential_decay"), decaySteps, decayRate, staircase, name)
                        .Call(Required(globalStep, "exponential_decay", "global_step"));

                /// <summary>Polynomial decay from <paramref name="learningRate"/> to <paramref name="endLearningRate"/>.</summary>
                public static Tensor PolynomialDecay(Tensor learningRate, Tensor globalStep, double decaySteps, double endLearningRate = 0.0001, double power = 1.0, bool cycle = false, string? name = null) =>
                    new KerasSchedules.PolynomialDecay(Required(learningRate, "polynomial_decay"), decaySteps, endLearningRate, power, cycle, name)
                        .Call(Required(globalStep, "polynomial_decay", "global_step"));

                /// <summary>Piecewise constant values between boundaries of <paramref name="x"/> (the step).</summary>
                public static Tensor PiecewiseConstant(Tensor x, double[] boundaries, double[] values, string? name = null) =>
                    new KerasSchedules.PiecewiseConstantDecay(boundaries, values, name).Call(Required(x, "piecewise_constant", "x"));

                /// <summary><c>learning_rate / (1 + decay_rate * global_step / decay_steps)</c>.</summary>
                public static Tensor InverseTimeDecay(Tensor learningRate, Tensor globalStep, double decaySteps, double decayRate, bool staircase = false, string? name = null) =>
                    new KerasSchedules.InverseTimeDecay(Required(learningRate, "inverse_time_decay"), decaySteps, decayRate, staircase, name)
                        .Call(Required(globalStep, "inverse_time_decay", "global_step"));

                /// <summary>Cosine decay to <c>alpha * learning_rate</c> over <paramref name="decaySteps"/>.</summary>
                public static Tensor CosineDecay(Tensor learningRate, Tensor globalStep, double decaySteps, double alpha = 0.0, string? name = null) =>
                    new KerasSchedules.CosineDecay(Required(learningRate, "cosine_decay"), decaySteps, alpha, name)
                        .Call(Required(globalStep, "cosine_decay", "global_step"));

                /// <summary><c>learning_rate * exp(-decay_rate * global_step / decay_steps)</c>.</summary>
                public static Tensor NaturalExpDecay(Tensor learningRate, Tensor globalStep, double decaySteps, double decayRate, bool staircase = false, string? name = null)
                {
                    Required(globalStep, "natural_exp_decay", "global_step");
                    var rate = Tf.Exp(-Ops.ConvertTo(decayRate, Required(learningRate, "natural_exp_decay").DType));
                    return new KerasSchedules.ExponentialDecay(Required(learningRate, "natural_exp_decay"), decaySteps, rate, staircase, name).Call(globalStep);
                }

                private static Tensor Required(Tensor? value, string function, string argument = "learning_rate") =>
                    value ?? throw new ValueErrorException($"{argument} is required for {function}.");
            }
        }
    }

    /// <summary><c>tf.train</c> (TensorFlow 2): object-based checkpoints and checkpoint files.</summary>
    public static class Train
    {
        /// <summary>
        /// A checkpoint of the given objects (TensorFlow's <c>tf.train.Checkpoint(optimizer=..., model=..., step=...)</c>);
        /// <paramref name="model"/> may be a variable or a dictionary or list of variables. See <see cref="Checkpoints.Checkpoint"/>.
        /// </summary>
        public static Checkpoint Checkpoint(KerasOptimizers.Optimizer? optimizer = null, object? model = null, Runtime.Variable? step = null)
        {
            var objects = new List<KeyValuePair<string, object>>();
            if (optimizer is not null)
            {
                objects.Add(new("optimizer", optimizer));
            }

            if (model is not null)
            {
                objects.Add(new("model", model));
            }

            if (step is not null)
            {
                objects.Add(new("step", step));
            }

            return new Checkpoint(objects);
        }

        /// <summary>A checkpoint of objects under any names (Python's keyword arguments).</summary>
        public static Checkpoint Checkpoint(IReadOnlyDictionary<string, object> objects) => new(objects);

        /// <summary>A manager numbering, keeping and recording the saves of <paramref name="checkpoint"/> in <paramref name="directory"/>.</summary>
        public static CheckpointManager CheckpointManager(Checkpoint checkpoint, string directory, int? maxToKeep, double? keepCheckpointEveryNHours = null,
            string checkpointName = "ckpt", Runtime.Variable? stepCounter = null, long? checkpointInterval = null) =>
            new(checkpoint, directory, maxToKeep, keepCheckpointEveryNHours, checkpointName, stepCounter, checkpointInterval);

        /// <summary>
        /// The latest checkpoint prefix recorded in the <c>checkpoint</c> file of <paramref name="checkpointDir"/>, when its
        /// index file exists; else null (TensorFlow's <c>tf.train.latest_checkpoint</c>, which logs <c>Couldn't match files
        /// for checkpoint ...</c> when the files are gone).
        /// </summary>
        public static string? LatestCheckpoint(string checkpointDir, string? latestFilename = null) =>
            CheckpointManagement.LatestCheckpoint(checkpointDir, latestFilename);

        /// <summary>The parsed <c>checkpoint</c> file of <paramref name="checkpointDir"/>, or null (TensorFlow's <c>get_checkpoint_state</c>).</summary>
        public static CheckpointState? GetCheckpointState(string checkpointDir, string? latestFilename = null) =>
            CheckpointManagement.GetState(checkpointDir, latestFilename);

        /// <summary>
        /// The keys of a checkpoint with their shapes, sorted (TensorFlow's <c>tf.train.list_variables</c>); a directory
        /// means its latest checkpoint.
        /// </summary>
        public static List<(string Name, int[] Shape)> ListVariables(string ckptDirOrFile)
        {
            var reader = CheckpointReaders.Open(CheckpointFile(ckptDirOrFile));
            return reader.Keys.Select(k => (k, reader.Describe(k).Shape)).ToList();
        }

        /// <summary>The value of <paramref name="name"/> (a trailing <c>:0</c> is dropped) in a checkpoint (TensorFlow's <c>tf.train.load_variable</c>).</summary>
        public static NDArray LoadVariable(string ckptDirOrFile, string name)
        {
            ArgumentNullException.ThrowIfNull(name);
            var key = name.EndsWith(":0", StringComparison.Ordinal) ? name[..^2] : name;
            return CheckpointReaders.Open(CheckpointFile(ckptDirOrFile)).Read(key);
        }

        private static string CheckpointFile(string ckptDirOrFile)
        {
            ArgumentNullException.ThrowIfNull(ckptDirOrFile);
            if (!System.IO.Directory.Exists(ckptDirOrFile))
            {
                return ckptDirOrFile;
            }

            return CheckpointManagement.LatestCheckpoint(ckptDirOrFile)
                ?? throw new ValueErrorException($"Couldn't find 'checkpoint' file or checkpoints in given directory {ckptDirOrFile}");
        }
    }

    /// <summary><c>tf.keras</c>.</summary>
    public static class Keras
    {
        /// <summary><c>tf.keras.backend</c>.</summary>
        public static class Backend
        {
            /// <summary>
            /// Keras' <c>clear_session()</c>, as far as the runtime models Keras state: the calling thread's automatic
            /// optimizer names (<c>sgd</c>, <c>sgd_1</c>, ...) start over.
            /// </summary>
            public static void ClearSession() => KerasOptimizers.Optimizer.ResetNames();
        }

        /// <summary><c>tf.keras.optimizers</c>: optimizers whose <c>Iterations</c> counts the updates.</summary>
        public static class Optimizers
        {
            /// <summary>Stochastic gradient descent with optional momentum (Keras 3 defaults; the default name is Keras' <c>sgd</c>, <c>sgd_1</c>, ...).</summary>
            public static KerasOptimizers.SGD SGD(double learningRate = 0.01, double momentum = 0.0, bool nesterov = false, string? name = null) =>
                new(learningRate, momentum, nesterov, name);

            /// <summary>Stochastic gradient descent with a learning-rate schedule.</summary>
            public static KerasOptimizers.SGD SGD(KerasSchedules.LearningRateSchedule learningRate, double momentum = 0.0, bool nesterov = false, string? name = null) =>
                new(learningRate, momentum, nesterov, name);

            /// <summary>Adam with Keras 3 defaults (epsilon 1e-7; the default name is Keras' <c>adam</c>, <c>adam_1</c>, ...).</summary>
            public static KerasOptimizers.Adam Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false, string? name = null) =>
                new(learningRate, beta1, beta2, epsilon, amsgrad, name);

            /// <summary>Adam with a learning-rate schedule.</summary>
            public static KerasOptimizers.Adam Adam(KerasSchedules.LearningRateSchedule learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false, string? name = null) =>
                new(learningRate, beta1, beta2, epsilon, amsgrad, name);

            /// <summary><c>tf.keras.optimizers.schedules</c>.</summary>
            public static class Schedules
            {
                /// <summary><c>initial * decay_rate ^ (step / decay_steps)</c>.</summary>
                public static KerasSchedules.ExponentialDecay ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate, bool staircase = false, string? name = null) =>
                    new(initialLearningRate, decaySteps, decayRate, staircase, name);

                /// <summary>Polynomial decay.</summary>
                public static KerasSchedules.PolynomialDecay PolynomialDecay(double initialLearningRate, double decaySteps, double endLearningRate = 0.0001, double power = 1.0, bool cycle = false, string? name = null) =>
                    new(initialLearningRate, decaySteps, endLearningRate, power, cycle, name);

                /// <summary>Piecewise constant values between step boundaries.</summary>
                public static KerasSchedules.PiecewiseConstantDecay PiecewiseConstantDecay(double[] boundaries, double[] values, string? name = null) =>
                    new(boundaries, values, name);

                /// <summary><c>initial / (1 + decay_rate * step / decay_steps)</c>.</summary>
                public static KerasSchedules.InverseTimeDecay InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate, bool staircase = false, string? name = null) =>
                    new(initialLearningRate, decaySteps, decayRate, staircase, name);

                /// <summary>Cosine decay.</summary>
                public static KerasSchedules.CosineDecay CosineDecay(double initialLearningRate, double decaySteps, double alpha = 0.0, string? name = null) =>
                    new(initialLearningRate, decaySteps, alpha, name);
            }
        }
    }
}
