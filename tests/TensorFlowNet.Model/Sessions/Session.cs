// TF.NET sessions: BaseSession.run (current Core/Sessions/BaseSession.cs:51-137, old :56-142) with the fetch
// handling of _FetchHandler.cs (current :34-90, old :61-146), _FetchMapper.cs, _ElementFetchMapper.cs and
// _ListFetchMapper.cs. The run itself is the runtime session's: a run executes what its fetches need, in the
// order they are listed, each op once.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Rt = GlobalStepMigration.Runtime;
#if TFNET_V020
using NDArray = NumSharp.NDArray;
#else
using Tensorflow.NumPy;
#endif

namespace Tensorflow
{
    /// <summary>Core/Sessions/FeedItem.cs:6-25 at both tags (Key :8, Value :9, constructor :11, from a pair :17).</summary>
    public class FeedItem
    {
        public FeedItem(object key, object val)
        {
            Key = key;
            Value = val;
        }

        public object Key { get; }

        public object Value { get; }

        public static implicit operator FeedItem((object, object) feed) => new(feed.Item1, feed.Item2);
    }

    /// <summary>Protobuf message; only its name is needed.</summary>
    public sealed class ConfigProto
    {
    }

    /// <summary>Status handle; only its name is needed.</summary>
    public sealed class Status
    {
    }

#if TFNET_V020
    public class BaseSession : DisposableObject
#else
    public class BaseSession : IDisposable
#endif
    {
        protected Graph _graph;
        private Rt.Session _runtime;

        /// <summary>
        /// Current BaseSession.cs:36-49: the default graph unless given, made the default graph (as_default, which
        /// also switches to graph mode) when it is not. Old :39-54: always as_default (no mode switch there).
        /// </summary>
        public BaseSession(string target = "", Graph g = null, ConfigProto config = null, Status status = null)
        {
            _graph = g ?? ops.get_default_graph();
#if TFNET_V020
            _graph.as_default();
#else
            if (ops.get_default_graph() != _graph)
            {
                _graph.as_default();
            }
#endif
        }

        /// <summary>Current BaseSession.cs:27, old :37.</summary>
        public Graph graph => _graph;

        private Rt.Session Runtime => _runtime ??= new Rt.Session(_graph.Runtime);

        // The run overloads, current BaseSession.cs / old: run(Operation) :51 / :56, run(Tensor) :56 / :61,
        // run(ITensorOrOperation) :61 / :66, five-tuple :67 / :72, four :75 / :80, three :81 / :86, pair :87 / :92,
        // run(object, params FeedItem[]) :93 / :98, run(object, Hashtable) :98 / :103.
        public virtual void run(Operation op, params FeedItem[] feed_dict) => _run(op, feed_dict);

        public virtual NDArray run(Tensor fetche, params FeedItem[] feed_dict) => _run(fetche, feed_dict)[0];

        /// <summary>A Tensor's value; null for an Operation (BaseSession.cs:61-65).</summary>
        public virtual NDArray run(ITensorOrOperation fetche, params FeedItem[] feed_dict)
        {
            var results = _run(fetche, feed_dict);
            return fetche is Tensor ? results[0] : null;
        }

        public virtual (NDArray, NDArray, NDArray, NDArray, NDArray) run(
            (ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches,
            params FeedItem[] feed_dict)
        {
            var results = _run(new object[] { fetches.Item1, fetches.Item2, fetches.Item3, fetches.Item4, fetches.Item5 }, feed_dict);
            return (results[0], results[1], results[2], results[3], results[4]);
        }

        public virtual (NDArray, NDArray, NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, params FeedItem[] feed_dict)
        {
            var results = _run(new object[] { fetches.Item1, fetches.Item2, fetches.Item3, fetches.Item4 }, feed_dict);
            return (results[0], results[1], results[2], results[3]);
        }

        public virtual (NDArray, NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation, ITensorOrOperation) fetches, params FeedItem[] feed_dict)
        {
            var results = _run(new object[] { fetches.Item1, fetches.Item2, fetches.Item3 }, feed_dict);
            return (results[0], results[1], results[2]);
        }

        /// <summary>A pair of fetches: their values, an Operation's as NaN (or null when nothing else is fetched).</summary>
        public virtual (NDArray, NDArray) run((ITensorOrOperation, ITensorOrOperation) fetches, params FeedItem[] feed_dict)
        {
            var results = _run(new object[] { fetches.Item1, fetches.Item2 }, feed_dict);
            return (results[0], results[1]);
        }

        public virtual NDArray[] run(object fetches, params FeedItem[] feed_dict) => _run(fetches, feed_dict);

        public virtual NDArray[] run(object fetches, Hashtable feed_dict = null)
        {
            var feed_items = feed_dict == null ? new FeedItem[0] : feed_dict.Keys.OfType<object>().Select(key => new FeedItem(key, feed_dict[key])).ToArray();
            return _run(fetches, feed_items);
        }

#if !TFNET_V020
        /// <summary>Current BaseSession.cs:240-276: the value of one tensor (an NDArray is a Tensor there); not in the old one.</summary>
        public Tensor eval(Tensor tensor) => _run(tensor, Array.Empty<FeedItem>())[0];
#endif

#if TFNET_V020
        public new void Dispose()
        {
        }
#else
        /// <summary>Current BaseSession.cs:282-285: does nothing; the session stays usable.</summary>
        public void Dispose()
        {
        }
#endif

        private NDArray[] _run(object fetches, FeedItem[] feed_dict)
        {
            var feeds = new List<(Tensor Key, object Value)>();
            foreach (var subfeed in feed_dict ?? Array.Empty<FeedItem>())
            {
                feeds.Add(((Tensor)_graph.as_graph_element(subfeed.Key, allow_tensor: true, allow_operation: false), subfeed.Value));
            }

            var mapper = FetchMapper.For(fetches, _graph);
            var unique = mapper.UniqueFetches;
            var targets = unique.OfType<Operation>().ToList();
            var tensors = unique.OfType<Tensor>().ToList();
            var values = Execute(unique, feeds);
            var tensorValues = tensors.Select(t => values[unique.IndexOf(t)]).ToArray();

            // _FetchHandler.build_results: one value per unique fetch.
            var full_values = new List<NDArray>();
            var j = 0;
            foreach (var fetch in unique)
            {
                if (fetch is Operation)
                {
                    full_values.Add(tensorValues.Length > 0 ? OperationPlaceholder(tensorValues[0]) : null);
                }
                else
                {
                    full_values.Add(TensorValue(tensorValues[j], tensorValues[0]));
                    j++;
                }
            }

            return mapper.BuildResults(full_values);
        }

#if TFNET_V020
        /// <summary>Old _FetchHandler.cs:71-98: NaN when the first fetched value is int32, float, double, string, char or byte; otherwise NotImplementedException.</summary>
        private static NDArray OperationPlaceholder(NDArray first) => first.dtype == typeof(int) || first.dtype == typeof(float) || first.dtype == typeof(double)
            ? float.NaN
            : throw new NotImplementedException($"build_results tensor_values[0] {first.dtype.Name}");

        /// <summary>Old _FetchHandler.cs:104-137: scalars of int16, int32, int64, float and double are copied; other scalars fail naming the first value's type.</summary>
        private static NDArray TensorValue(NDArray value, NDArray first) => value.ndim != 0 || value.dtype != typeof(bool)
            ? value
            : throw new NotImplementedException($"build_results tensor_values[0] {first.dtype.Name}");
#else
        /// <summary>Current _FetchHandler.cs:70-76: float.NaN for an Operation when a tensor is fetched too.</summary>
        private static NDArray OperationPlaceholder(NDArray first) => float.NaN;

        private static NDArray TensorValue(NDArray value, NDArray first) => value;
#endif

        /// <summary>
        /// Runs the fetches. As TensorFlow creates the kernels of every node a run needs before running any, a node
        /// that cannot run (a Cast to resource) fails the run before anything executes.
        /// </summary>
        private NDArray[] Execute(List<ITensorOrOperation> fetches, List<(Tensor Key, object Value)> feeds)
        {
            var needed = Closure(fetches.Select(f => f.op.Core));
            var failing = needed.Where(c => c.RunError != null).OrderBy(c => c.Index).FirstOrDefault();
            if (failing != null)
            {
                throw failing.RunError();
            }

            var unrunnable = needed.FirstOrDefault(c => c.Backing == null);
            if (unrunnable != null)
            {
                throw new InvalidOperationException($"The TensorFlow.NET model cannot run '{unrunnable.Name}' ({unrunnable.Type}).");
            }

            var feedDict = new Rt.FeedDict();
            foreach (var (key, value) in feeds)
            {
                feedDict[key.Backing] = FeedValue(key, value);
            }

            var list = fetches.Select(f => f is Tensor t ? (object)t.Backing : f.op.Core.Backing).ToList();
            var results = Model.Guard(() => (List<object>)Runtime.Run(list, feedDict));
            return results.Select(r => r is Rt.NDArray a ? new NDArray(a) : null).ToArray();
        }

#if TFNET_V020
        /// <summary>Old BaseSession.cs:156-223: NDArrays, numbers and arrays are converted to the fed tensor's dtype.</summary>
        private static Rt.NDArray FeedValue(Tensor key, object value) => value switch
        {
            NDArray nd => Values.ToRuntime(nd, key.dtype),
            Tensor => throw Model.NotModelled("Feeding a Tensor"),
            bool or int or long or float or double or Array => Values.ToRuntime(value, key.dtype),
            _ => throw new NotImplementedException($"feed_dict data type {value?.GetType().Name ?? "<null>"}"),
        };
#else
        /// <summary>
        /// Current BaseSession.cs:151-207: an NDArray (a Tensor) must have the fed tensor's dtype (ValueError); a number or
        /// array becomes a tensor of its own dtype, which TensorFlow refuses at run time when it is not the fed one.
        /// </summary>
        private static Rt.NDArray FeedValue(Tensor key, object value)
        {
            switch (value)
            {
                case NDArray v:
                    if (v.dtype != key.dtype)
                    {
                        throw new ValueError($"Tensor {v} does not match the expected dtype {key.dtype}, actual dtype: {v.dtype}");
                    }

                    return v.Value;
                case Tensor:
                    throw Model.NotModelled("Feeding a graph Tensor");
                case bool or int or long or float or double or Array:
                    var own = value.GetDataType();
                    if (own != key.dtype.as_base_dtype())
                    {
                        throw new InvalidArgumentError($"Expects arg[0] to be {key.dtype.as_base_dtype().TfName()} but {own.TfName()} is provided");
                    }

                    return Values.ToRuntime(value, own);
                default:
                    throw new NotImplementedException("");
            }
        }
#endif

        private static List<OpCore> Closure(IEnumerable<OpCore> roots)
        {
            var seen = new HashSet<OpCore>(ReferenceEqualityComparer.Instance);
            var stack = new Stack<OpCore>(roots);
            while (stack.Count > 0)
            {
                var core = stack.Pop();
                if (!seen.Add(core))
                {
                    continue;
                }

                foreach (var input in core.Inputs)
                {
                    stack.Push(input.op.Core);
                }

                foreach (var control in core.ControlInputs)
                {
                    stack.Push(control.Core);
                }
            }

            return seen.ToList();
        }

        /// <summary>_FetchMapper.for_fetch (current _FetchMapper.cs:26-36): a List&lt;string&gt; or an array maps each element, anything else is one element.</summary>
        private abstract class FetchMapper
        {
            internal List<ITensorOrOperation> UniqueFetches { get; } = new();

            internal static FetchMapper For(object fetch, Graph graph)
            {
                if (fetch is List<string> names)
                {
                    return new ListMapper(names.Cast<object>().ToArray());
                }

                if (fetch.GetType().IsArray)
                {
                    return new ListMapper((object[])fetch);
                }

                return new ElementMapper(fetch, graph);
            }

            internal abstract NDArray[] BuildResults(List<NDArray> values);
        }

        /// <summary>
        /// _ElementFetchMapper.cs:30-78: the fetch resolved with as_graph_element in the session's graph, or for the
        /// elements of a list in the default graph; the result is the value, or null when it is not an NDArray.
        /// </summary>
        private sealed class ElementMapper : FetchMapper
        {
            internal ElementMapper(object fetch, Graph graph) => UniqueFetches.Add((graph ?? ops.get_default_graph()).as_graph_element(fetch, allow_tensor: true, allow_operation: true));

            internal override NDArray[] BuildResults(List<NDArray> values) => values.Count > 0 && values[0] is NDArray value ? new[] { value } : null;
        }

        /// <summary>
        /// _ListFetchMapper.cs:27-70: the elements' fetches without repeats (a Dictionary keyed by the fetch: the same
        /// Tensor object, or Operation objects equal with the same hash, count once); the results are one per unique
        /// fetch, so repeated fetches leave the tuple overloads short of values.
        /// </summary>
        private sealed class ListMapper : FetchMapper
        {
            internal ListMapper(object[] fetches)
            {
                var seen = new Dictionary<ITensorOrOperation, int>();
                foreach (var fetch in fetches)
                {
                    foreach (var f in For(fetch, graph: null).UniqueFetches)
                    {
                        if (!seen.ContainsKey(f))
                        {
                            seen[f] = seen.Count;
                            UniqueFetches.Add(f);
                        }
                    }
                }
            }

            internal override NDArray[] BuildResults(List<NDArray> values) => values.ToArray();
        }
    }

    public class Session : BaseSession
    {
        // Current Session.cs:21 and :27, old :27 and :35.
        public Session(string target = "", Graph g = null)
            : base(target, g, null)
        {
        }

        public Session(Graph g, ConfigProto config = null, Status s = null)
            : base("", g, config, s)
        {
        }

        /// <summary>Current Session.cs:30-33: makes this the default session.</summary>
        public Session as_default() => ops.set_default_session(this);
    }
}
