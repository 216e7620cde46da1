<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <location filename="../../ideaforge/ui/app.py" line="71"/>
        <source>Something went wrong: %1

Nothing you saved is lost. Details are in %2.</source>
        <translation>發生錯誤：%1

已儲存的內容都不會遺失。詳細資訊記錄在 %2。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/app.py" line="113"/>
        <source>IdeaForge cannot start</source>
        <translation>IdeaForge 無法啟動</translation>
    </message>
</context>
<context>
    <name>CatalogueTableModel</name>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="207"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="207"/>
        <source>Params</source>
        <translation>參數量</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="207"/>
        <source>Writes</source>
        <translation>語言</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="207"/>
        <source>Runs on</source>
        <translation>執行於</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="208"/>
        <source>Download</source>
        <translation>下載量</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="208"/>
        <source>Memory</source>
        <translation>記憶體</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="208"/>
        <source>Ideas/min</source>
        <translation>點子/分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="208"/>
        <source>Licence</source>
        <translation>授權</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="209"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="215"/>
        <source>Downloading…</source>
        <translation>下載中…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="217"/>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="219"/>
        <source>Installed</source>
        <translation>已安裝</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="221"/>
        <source>Built in: prepared on first use</source>
        <translation>內建：首次使用時準備</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="224"/>
        <source>Partly downloaded (%1%)</source>
        <translation>已下載一部分（%1%）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="225"/>
        <source>Fits this computer</source>
        <translation>適合這台電腦</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="225"/>
        <source>Does not fit</source>
        <translation>不適合</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="240"/>
        <source>GPU (CUDA)</source>
        <translation>GPU（CUDA）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="240"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="242"/>
        <source>in packages</source>
        <translation>隨套件提供</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="251"/>
        <source>%1 (accept first)</source>
        <translation>%1（需先接受）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="256"/>
        <source>estimated</source>
        <translation>估計值</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="256"/>
        <source>measured</source>
        <translation>實測值</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="263"/>
        <source>Recommended for this computer</source>
        <translation>推薦給這台電腦</translation>
    </message>
</context>
<context>
    <name>ConvergePanel</name>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="236"/>
        <source>Analyse</source>
        <translation>分析</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="240"/>
        <source>Embed new ideas, suggest duplicates, group themes, draw the map (Ctrl+Shift+A)</source>
        <translation>計算新點子的嵌入向量、建議重複項目、歸納主題並繪製地圖（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="244"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="252"/>
        <source>Cosine similarity at or above which two ideas are suggested as duplicates</source>
        <translation>兩個點子的餘弦相似度達到此值（含）以上時，會被建議為重複</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="261"/>
        <source>Duplicate similarity:</source>
        <translation>重複相似度：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="266"/>
        <source>Themes</source>
        <translation>主題</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="272"/>
        <source>Double-click a theme&apos;s name to rename it; right-click an idea to move it</source>
        <translation>按兩下主題名稱可重新命名；在點子上按右鍵可移動它</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="278"/>
        <source>Suggested duplicates</source>
        <translation>建議的重複項目</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="283"/>
        <source>Merge group</source>
        <translation>合併群組</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="285"/>
        <source>Merge the selected group into its first idea (reversible: Split)</source>
        <translation>將選取的群組併入其第一個點子（可還原：取消合併）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="288"/>
        <source>Merge all</source>
        <translation>全部合併</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="290"/>
        <source>Not a duplicate</source>
        <translation>不是重複</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="292"/>
        <source>The selected idea is different from its group&apos;s first idea</source>
        <translation>選取的點子與其群組的第一個點子不同</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="295"/>
        <source>Split merged…</source>
        <translation>取消合併…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="296"/>
        <source>Bring back ideas merged into the selected idea</source>
        <translation>找回已併入選取點子的點子</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="312"/>
        <source>Shortlist</source>
        <translation>入圍</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="313"/>
        <source>Shortlist the ideas in the box</source>
        <translation>讓方框內的點子入圍</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="315"/>
        <source>Move to theme…</source>
        <translation>移至主題…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="316"/>
        <source>Put the ideas in the box into one theme</source>
        <translation>將方框內的點子歸入同一個主題</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="359"/>
        <source>Press Analyse to group this session&apos;s ideas into themes and find duplicates.</source>
        <translation>按下「分析」，即可將此場次的點子歸納成主題並找出重複項目。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="406"/>
        <source>Starting…</source>
        <translation>正在啟動…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="412"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="439"/>
        <source>Analysis cancelled; finished embeddings are kept.</source>
        <translation>已取消分析；已完成的嵌入向量會保留。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ideaforge/ui/converge.py" line="451"/>
        <source>%n ideas</source>
        <translation>
            <numerusform>%n 個點子</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="453"/>
        <source>diversity %1</source>
        <translation>多樣性 %1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="455"/>
        <source>%1% unique</source>
        <translation>不重複 %1%</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="457"/>
        <source>mean novelty %1</source>
        <translation>平均新穎度 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ideaforge/ui/converge.py" line="458"/>
        <source>%n themes</source>
        <translation>
            <numerusform>%n 個主題</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ideaforge/ui/converge.py" line="459"/>
        <source>%n duplicate groups</source>
        <translation>
            <numerusform>%n 組重複</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ideaforge/ui/converge.py" line="477"/>
        <source>%n ideas · keywords: </source>
        <translation>
            <numerusform>%n 個點子 · 關鍵字：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="491"/>
        <source>No theme  (%1)</source>
        <translation>無主題  (%1)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="528"/>
        <source>Rename theme to &apos;%1&apos;</source>
        <translation>將主題重新命名為「%1」</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ideaforge/ui/converge.py" line="563"/>
        <source>%n idea(s) selected on the map</source>
        <translation>
            <numerusform>已在地圖上選取 %n 個點子</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="565"/>
        <source>Drag a box on the map to select several ideas</source>
        <translation>在地圖上拖曳出方框，即可選取多個點子</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ideaforge/ui/converge.py" line="581"/>
        <source>Shortlist %n idea(s)</source>
        <translation>
            <numerusform>讓 %n 個點子入圍</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="599"/>
        <location filename="../../ideaforge/ui/converge.py" line="623"/>
        <source>No theme</source>
        <translation>無主題</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="611"/>
        <source>Move to theme</source>
        <translation>移至主題</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="621"/>
        <source>New theme…</source>
        <translation>新增主題…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="625"/>
        <source>Let re-clustering place it</source>
        <translation>交由重新分群決定位置</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ideaforge/ui/converge.py" line="644"/>
        <source>Move %n idea(s)</source>
        <translation>
            <numerusform>移動 %n 個點子</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="650"/>
        <source>New theme</source>
        <translation>新增主題</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="650"/>
        <source>Name:</source>
        <translation>名稱：</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ideaforge/ui/converge.py" line="703"/>
        <source>Merge %n ideas</source>
        <translation>
            <numerusform>合併 %n 個點子</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="708"/>
        <source>IdeaForge</source>
        <translation>IdeaForge</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="716"/>
        <source>#%1 is not a duplicate</source>
        <translation>將 #%1 標為非重複</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="745"/>
        <source>Nothing is merged into #%1.</source>
        <translation>沒有任何點子併入 #%1。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ideaforge/ui/converge.py" line="748"/>
        <source>Split %n merged idea(s)</source>
        <translation>
            <numerusform>取消合併 %n 個點子</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="752"/>
        <source>Brought back: </source>
        <translation>已找回：</translation>
    </message>
</context>
<context>
    <name>CriteriaModel</name>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="85"/>
        <source>Criterion</source>
        <translation>評分準則</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="85"/>
        <source>Weight</source>
        <translation>權重</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="85"/>
        <source>Min</source>
        <translation>最低</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="85"/>
        <source>Max</source>
        <translation>最高</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="86"/>
        <source>Higher is better</source>
        <translation>越高越好</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="89"/>
        <source>What ideas are scored on</source>
        <translation>點子依此評分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="90"/>
        <source>How much this criterion counts in the weighted total</source>
        <translation>此評分準則在加權總分中所占的比重</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="91"/>
        <source>Lowest score on the scale</source>
        <translation>量表的最低分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="92"/>
        <source>Highest score on the scale</source>
        <translation>量表的最高分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="93"/>
        <source>Checked: a high score is good (impact). Unchecked: a high score is bad (effort, cost, risk)</source>
        <translation>勾選：分數越高越好（如影響力）。不勾選：分數越高越不好（如投入心力、成本、風險）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="123"/>
        <source>higher is better</source>
        <translation>越高越好</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="123"/>
        <source>lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="125"/>
        <source>%1: weight %2, scale %3–%4, %5</source>
        <translation>%1：權重 %2，量表 %3–%4，%5</translation>
    </message>
</context>
<context>
    <name>CriterionDialog</name>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="171"/>
        <source>Add criterion</source>
        <translation>新增評分準則</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="173"/>
        <source>e.g. Cost, Risk, Fit with our values</source>
        <translation>例如：成本、風險、與我們價值觀的契合度</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="174"/>
        <source>What ideas will be scored on</source>
        <translation>點子將依此評分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="179"/>
        <source>How much it counts in the weighted total</source>
        <translation>在加權總分中所占的比重</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="183"/>
        <source>Lowest score</source>
        <translation>最低分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="187"/>
        <source>Highest score</source>
        <translation>最高分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="188"/>
        <source>Higher is better</source>
        <translation>越高越好</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="191"/>
        <source>Uncheck for costs such as effort or risk, where a high score is bad</source>
        <translation>若是投入心力或風險這類成本（分數越高越不好），請取消勾選</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="194"/>
        <source>Name:</source>
        <translation>名稱：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="195"/>
        <source>Weight:</source>
        <translation>權重：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="196"/>
        <source>Scale from:</source>
        <translation>量表從：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="197"/>
        <source>to:</source>
        <translation>到：</translation>
    </message>
</context>
<context>
    <name>DecidePanel</name>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="194"/>
        <source>Misinformation or false claims</source>
        <translation>錯誤資訊或不實宣稱</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="195"/>
        <source>Bias and fairness</source>
        <translation>偏誤與公平</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="196"/>
        <source>Copyright and IP</source>
        <translation>著作權與智慧財產</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="197"/>
        <source>Privacy</source>
        <translation>隱私</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="198"/>
        <source>Safety</source>
        <translation>安全</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="201"/>
        <source>— unanswered —</source>
        <translation>— 未回答 —</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="202"/>
        <source>No concern</source>
        <translation>沒有疑慮</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="203"/>
        <source>Concern, mitigated</source>
        <translation>有疑慮，已緩解</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="204"/>
        <source>Concern, risk accepted</source>
        <translation>有疑慮，接受風險</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="221"/>
        <source>The shortlist: tick Considered for each option weighed, Chosen for each one chosen</source>
        <translation>入圍清單：納入權衡的選項請勾選「已考量」，選定的選項請勾選「已選定」</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="230"/>
        <source>Earlier decisions in this session, newest first</source>
        <translation>此場次先前的決策，最新的在最上方</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="235"/>
        <source>&lt;b&gt;Shortlist&lt;/b&gt;</source>
        <translation>&lt;b&gt;入圍清單&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="241"/>
        <source>Verify log</source>
        <translation>驗證紀錄</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="244"/>
        <source>Recompute the log&apos;s SHA-256 hash chain: proves no record was altered, inserted or removed since it was recorded</source>
        <translation>重新計算決策紀錄的 SHA-256 雜湊鏈：證明紀錄寫入後沒有任何一筆被修改、插入或刪除</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="252"/>
        <source>&lt;b&gt;Decisions so far&lt;/b&gt;</source>
        <translation>&lt;b&gt;目前為止的決策&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="274"/>
        <source>A short title for the decision (required)</source>
        <translation>決策的簡短標題（必填）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="275"/>
        <source>The problem and its circumstances</source>
        <translation>問題及其背景情況</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="276"/>
        <source>Why these options were chosen (required)</source>
        <translation>選擇這些選項的理由（必填）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="277"/>
        <source>Good consequences, one per line</source>
        <translation>正面影響，每行一項</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="278"/>
        <source>Bad consequences, one per line</source>
        <translation>負面影響，每行一項</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="279"/>
        <source>Who decides, comma-separated (at least one)</source>
        <translation>由誰決策，以逗號分隔（至少一人）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="281"/>
        <source>Whose opinion was sought, comma-separated</source>
        <translation>徵詢了哪些人的意見，以逗號分隔</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="282"/>
        <source>Who is kept up to date, comma-separated</source>
        <translation>需隨時知會哪些人，以逗號分隔</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="283"/>
        <source>The values this decision should honour</source>
        <translation>此決策應遵循的價值觀</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="285"/>
        <source>Accepted decisions choose at least one option</source>
        <translation>已採納的決策至少要選定一個選項</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="287"/>
        <location filename="../../ideaforge/ui/decide.py" line="479"/>
        <source>accepted</source>
        <translation>已採納</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="288"/>
        <location filename="../../ideaforge/ui/decide.py" line="479"/>
        <source>proposed</source>
        <translation>提議中</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="289"/>
        <location filename="../../ideaforge/ui/decide.py" line="480"/>
        <source>rejected</source>
        <translation>已否決</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="295"/>
        <source>An earlier record this one replaces (records are never edited)</source>
        <translation>此紀錄所取代的先前紀錄（紀錄一律不會被修改）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="300"/>
        <source>&amp;Title:</source>
        <translation>標題(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="301"/>
        <source>Conte&amp;xt:</source>
        <translation>背景(&amp;X)：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="302"/>
        <source>&amp;Rationale:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="303"/>
        <source>Good consequences:</source>
        <translation>正面影響：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="304"/>
        <source>Bad consequences:</source>
        <translation>負面影響：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="305"/>
        <source>&amp;Deciders:</source>
        <translation>決策者(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="306"/>
        <source>Consulted:</source>
        <translation>諮詢對象：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="307"/>
        <source>Informed:</source>
        <translation>知會對象：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="308"/>
        <source>&amp;Values:</source>
        <translation>價值觀(&amp;V)：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="309"/>
        <source>Status:</source>
        <translation>狀態：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="310"/>
        <source>Supersedes:</source>
        <translation>取代：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="322"/>
        <source>Concern</source>
        <translation>疑慮</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="322"/>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="322"/>
        <source>Note</source>
        <translation>備註</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="324"/>
        <source>Answer every concern for every chosen idea; a concern needs a note</source>
        <translation>為每個選定的點子回答每一項疑慮；若有疑慮須附上備註</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="331"/>
        <source>&lt;b&gt;Responsibility checklist&lt;/b&gt;</source>
        <translation>&lt;b&gt;責任檢核表&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="336"/>
        <location filename="../../ideaforge/ui/decide.py" line="704"/>
        <source>Record decision</source>
        <translation>記錄決策</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="414"/>
        <source>Choose a session to record a decision.</source>
        <translation>請選擇一個場次以記錄決策。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="417"/>
        <source>Shortlist ideas in Diverge or Converge (S) to decide between them.</source>
        <translation>請先在「發散」或「收斂」讓點子入圍（按 S），再從中決策。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="439"/>
        <source>Intent:</source>
        <translation>意圖：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="450"/>
        <source>(none)</source>
        <translation>（無）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="465"/>
        <source>Intact: %1 record(s), every hash verified.</source>
        <translation>完整無誤：共 %1 筆紀錄，每個雜湊都已驗證。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="472"/>
        <source>Decision log altered</source>
        <translation>決策紀錄遭到變更</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="473"/>
        <source>The decision log does not verify:</source>
        <translation>決策紀錄驗證失敗：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="290"/>
        <location filename="../../ideaforge/ui/decide.py" line="480"/>
        <source>deprecated</source>
        <translation>已棄用</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="481"/>
        <source>superseded</source>
        <translation>已被取代</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="486"/>
        <source>No decision recorded yet.</source>
        <translation>尚未記錄任何決策。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="495"/>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="498"/>
        <source>Chosen:</source>
        <translation>選定：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="498"/>
        <source>Weighed:</source>
        <translation>考量過：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="499"/>
        <source>Deciders:</source>
        <translation>決策者：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="500"/>
        <source>log record %1</source>
        <translation>第 %1 筆紀錄</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="510"/>
        <source>Supersedes #%1</source>
        <translation>取代 #%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="512"/>
        <source>Superseded by #%1</source>
        <translation>已被 #%1 取代</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="560"/>
        <source>Tick Chosen for an idea to answer its checklist.</source>
        <translation>勾選點子的「已選定」，即可填寫它的檢核表。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="579"/>
        <source>Is there a concern, and how is it handled?</source>
        <translation>是否有疑慮？如何處理？</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="603"/>
        <source>Required: how it is handled, or why it is accepted</source>
        <translation>必填：如何處理，或為何接受</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="605"/>
        <source>Optional note</source>
        <translation>選填備註</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="613"/>
        <source>a session</source>
        <translation>場次</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="616"/>
        <source>a title</source>
        <translation>標題</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="618"/>
        <source>a rationale</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="620"/>
        <source>at least one decider</source>
        <translation>至少一位決策者</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="622"/>
        <source>at least one considered option from the shortlist</source>
        <translation>入圍清單中至少一個已考量的選項</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="625"/>
        <source>at least one chosen idea (an accepted decision chooses one)</source>
        <translation>至少一個已選定的點子（已採納的決策必須選定點子）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="632"/>
        <source>#%1 %2: unanswered</source>
        <translation>#%1 %2：未回答</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="635"/>
        <source>#%1 %2: a note on the concern</source>
        <translation>#%1 %2：疑慮的備註</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="643"/>
        <source>Only the facilitator records decisions; you can prepare the record.</source>
        <translation>只有主持人可以記錄決策；你可以先準備好紀錄內容。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ideaforge/ui/decide.py" line="649"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>…還有 %n 項</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="651"/>
        <source>Still missing:</source>
        <translation>尚缺：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="654"/>
        <source>Still missing: %1</source>
        <translation>尚缺：%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="658"/>
        <source>Record this decision permanently (Ctrl+Return)</source>
        <translation>永久記錄此決策（Ctrl+Return）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="659"/>
        <source>Ready to record.</source>
        <translation>可以記錄了。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="662"/>
        <source>Ready to record. Votes or scores are still hidden: the record will show their totals to everyone. Reveal them first in the Workshop panel if the room should see them before the decision.</source>
        <translation>可以記錄了。投票或評分仍未揭曉：這份紀錄會向所有人顯示它們的總計。若希望大家在決策前先看到，請先在工作坊面板中揭曉。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="706"/>
        <source>Record “%1”?

Decision records are permanent: this cannot be undone or edited later. To change it, record a later decision that supersedes it.</source>
        <translation>要記錄「%1」嗎？

決策紀錄是永久的：記錄後無法復原，也無法再修改。若要變更，請另外記錄一項取代它的新決策。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="462"/>
        <location filename="../../ideaforge/ui/decide.py" line="717"/>
        <source>IdeaForge</source>
        <translation>IdeaForge</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="724"/>
        <source>Recorded decision #%1.</source>
        <translation>已記錄決策 #%1。</translation>
    </message>
</context>
<context>
    <name>DownloadDialog</name>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="291"/>
        <source>Download %1</source>
        <translation>下載 %1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="300"/>
        <source>%1 to download from %2, then installed in the models folder.</source>
        <translation>將從 %2 下載 %1，再安裝到模型資料夾。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="309"/>
        <source>It is a GGUF file: once downloaded it is converted for ONNX Runtime, which needs about %1 of memory for a while.</source>
        <translation>這是 GGUF 檔：下載後會轉換給 ONNX Runtime 使用，轉換期間約需 %1 記憶體。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="317"/>
        <source>Free disk for models: %1 (it needs about %2).</source>
        <translation>模型資料夾可用磁碟空間：%1（約需 %2）。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="323"/>
        <source>Licence: %1</source>
        <translation>授權：%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="328"/>
        <source>Its repository is gated: set HF_TOKEN to an access token of an account that was granted access before you start IdeaForge.</source>
        <translation>此儲存庫設有存取限制：請在啟動 IdeaForge 前，將 HF_TOKEN 設為已獲准存取之帳號的存取權杖。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="336"/>
        <source>It may not run here: %1</source>
        <translation>在這台電腦上可能無法執行：%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="344"/>
        <source>%1 were downloaded before: the download resumes from there.</source>
        <translation>先前已下載 %1：會從那裡繼續下載。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="351"/>
        <source>I have read the licence and accept its terms</source>
        <translation>我已閱讀此授權並接受其條款</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="354"/>
        <source>Use this model once it is installed</source>
        <translation>安裝完成後使用這個模型</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="358"/>
        <source>Download</source>
        <translation>下載</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="39"/>
        <source>Preparing the model stopped unexpectedly: %1</source>
        <translation>準備模型時意外中止：%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="53"/>
        <source>almost done</source>
        <translation>即將完成</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="55"/>
        <source>about %1 s left</source>
        <translation>約剩 %1 秒</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="57"/>
        <source>about %1 min left</source>
        <translation>約剩 %1 分鐘</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="145"/>
        <source>Help: shortcuts</source>
        <translation>說明：快速鍵</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="148"/>
        <source>&lt;b&gt;Diverge&lt;/b&gt;: the local model and people write ideas. &lt;b&gt;Converge&lt;/b&gt;: analyse to find duplicates and themes, then people prune, score and shortlist. &lt;b&gt;Decide&lt;/b&gt;: people record what they chose, why, and what they checked. Every edit is saved at once; Ctrl+Z undoes it.</source>
        <translation>&lt;b&gt;發散&lt;/b&gt;：本機模型與參與者一起寫下點子。&lt;b&gt;收斂&lt;/b&gt;：分析以找出重複與主題，再由人淘汰、評分並挑選入圍。&lt;b&gt;決策&lt;/b&gt;：由人記錄選了什麼、為什麼，以及檢核了哪些事項。每次編輯都會立即儲存；按 Ctrl+Z 即可復原。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="156"/>
        <source>Keys</source>
        <translation>按鍵</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="156"/>
        <source>Action</source>
        <translation>動作</translation>
    </message>
</context>
<context>
    <name>IdeaListModel</name>
    <message>
        <location filename="../../ideaforge/ui/models.py" line="133"/>
        <source>pruned: %1</source>
        <translation>已淘汰：%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models.py" line="136"/>
        <source>merged into #%1</source>
        <translation>已合併至 #%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models.py" line="140"/>
        <source>From: %1</source>
        <translation>來源：%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models.py" line="142"/>
        <source>Pruned: %1</source>
        <translation>淘汰原因：%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models.py" line="153"/>
        <source>#%1 · model %2</source>
        <translation>#%1 · 模型 %2</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models.py" line="158"/>
        <source>#%1 · you · private until revealed</source>
        <translation>#%1 · 你 · 揭曉前僅自己可見</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models.py" line="159"/>
        <source>#%1 · a person</source>
        <translation>#%1 · 成員</translation>
    </message>
</context>
<context>
    <name>IdeaSource</name>
    <message>
        <location filename="../../ideaforge/ui/models.py" line="19"/>
        <source>you · private until revealed</source>
        <translation>你 · 揭曉前僅自己可見</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models.py" line="21"/>
        <source>a person</source>
        <translation>成員</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models.py" line="23"/>
        <source>imported</source>
        <translation>匯入</translation>
    </message>
</context>
<context>
    <name>ImpactEffortChart</name>
    <message>
        <location filename="../../ideaforge/ui/quadrant_chart.py" line="180"/>
        <source>Quick wins</source>
        <translation>快速見效</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/quadrant_chart.py" line="181"/>
        <source>Big bets</source>
        <translation>大膽押注</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/quadrant_chart.py" line="182"/>
        <source>Fill-ins</source>
        <translation>順手可做</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/quadrant_chart.py" line="183"/>
        <source>Money pits</source>
        <translation>無底洞</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/quadrant_chart.py" line="197"/>
        <source>Add two criteria to see the impact/effort chart</source>
        <translation>新增兩項評分準則，即可查看影響力／投入圖</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/quadrant_chart.py" line="248"/>
        <source>No idea is scored on both yet</source>
        <translation>還沒有點子在這兩項都有評分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/quadrant_chart.py" line="299"/>
        <location filename="../../ideaforge/ui/quadrant_chart.py" line="307"/>
        <source>%1 →</source>
        <translation>%1 →</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="203"/>
        <source>Themes and duplicates</source>
        <translation>主題與重複</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="204"/>
        <source>Score</source>
        <translation>評分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="206"/>
        <source>1 · Diverge</source>
        <translation>1 · 發散</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="207"/>
        <source>2 · Converge</source>
        <translation>2 · 收斂</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="208"/>
        <source>3 · Decide</source>
        <translation>3 · 決策</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="209"/>
        <source>Generate and add ideas (Ctrl+1)</source>
        <translation>產生與新增點子（Ctrl+1）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="211"/>
        <source>Themes, duplicates, map, metrics, criteria and scores (Ctrl+2)</source>
        <translation>主題、重複、地圖、指標、評分準則與評分（Ctrl+2）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="213"/>
        <source>Shortlist, decision record and checklist (Ctrl+3)</source>
        <translation>入圍清單、決策紀錄與檢核表（Ctrl+3）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="215"/>
        <location filename="../../ideaforge/ui/main_window.py" line="1170"/>
        <source>Create or pick a session to start.</source>
        <translation>建立或選擇一個場次即可開始。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="222"/>
        <source>The phase the session is in; tabs show any phase</source>
        <translation>此場次目前所處的階段；各分頁可檢視任何階段</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="255"/>
        <source>Workshop</source>
        <translation>工作坊</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="267"/>
        <source>Database: %1</source>
        <translation>資料庫：%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="313"/>
        <source>&amp;New session…</source>
        <translation>新增場次(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="316"/>
        <source>&amp;Rename or edit session…</source>
        <translation>重新命名或編輯場次(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="319"/>
        <source>D&amp;uplicate session</source>
        <translation>複製場次(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="322"/>
        <source>&amp;Delete session…</source>
        <translation>刪除場次(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="327"/>
        <source>New…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="327"/>
        <source>Edit…</source>
        <translation>編輯…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="327"/>
        <source>Duplicate</source>
        <translation>複製</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="327"/>
        <source>Delete…</source>
        <translation>刪除…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="340"/>
        <source>&lt;b&gt;Sessions&lt;/b&gt;</source>
        <translation>&lt;b&gt;腦力激盪場次&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="357"/>
        <source>Add your own idea and press Enter</source>
        <translation>輸入自己的點子，按 Enter 新增</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="360"/>
        <source>Show pruned and merged</source>
        <translation>顯示已淘汰與已合併</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="361"/>
        <source>Pruned and merged ideas are hidden, not deleted</source>
        <translation>已淘汰與已合併的點子只是隱藏，並未刪除</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="364"/>
        <source>Search ideas (Ctrl+F)</source>
        <translation>搜尋點子（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="367"/>
        <source>All sources</source>
        <translation>所有來源</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="368"/>
        <source>People</source>
        <translation>參與者</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="369"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="370"/>
        <source>Show ideas from people, from the model, or both</source>
        <translation>顯示參與者、模型或兩者提出的點子</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="375"/>
        <source>K keep · X prune (with a reason) · S shortlist · 1-5 score Impact · V vote · Shift+V unvote · arrows move · Ctrl+Z undo</source>
        <translation>K 保留 · X 刪減（需附理由）· S 列入候選 · 1-5 為影響力評分 · V 投票 · Shift+V 收回一票 · 方向鍵移動 · Ctrl+Z 復原</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="381"/>
        <source>Keep (restore if set aside)</source>
        <translation>保留（若已淘汰或合併則恢復）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="382"/>
        <source>Prune with a reason…</source>
        <translation>淘汰並填寫原因…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="383"/>
        <source>Shortlist</source>
        <translation>入圍</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="384"/>
        <source>Vote: put a dot on it</source>
        <translation>投票：放一個點數</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="385"/>
        <source>Take a dot back</source>
        <translation>收回一個點數</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="391"/>
        <source>Score %1 on the first criterion</source>
        <translation>以第一項評分準則評 %1 分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="402"/>
        <source>How many ideas the model should add</source>
        <translation>模型要新增的點子數量</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="403"/>
        <location filename="../../ideaforge/ui/main_window.py" line="758"/>
        <source>All lenses</source>
        <translation>所有視角</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="405"/>
        <location filename="../../ideaforge/ui/main_window.py" line="755"/>
        <source>Lenses steer the model: SCAMPER, personas, analogies, constraints, reversal</source>
        <translation>思考視角會引導模型：SCAMPER、人物誌、類比、限制條件、逆向思考</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="416"/>
        <source>Creativity (sampling temperature): higher gives wilder, less safe ideas</source>
        <translation>創意度（取樣溫度）：越高，點子越天馬行空，但也越不穩妥</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="421"/>
        <source>The local model that writes ideas; it is prepared on first use</source>
        <translation>負責寫點子的本機模型；首次使用時會自動準備</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="425"/>
        <source>More models…</source>
        <translation>更多模型…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="427"/>
        <source>The model catalogue: what fits this computer, downloads (Ctrl+Shift+M)</source>
        <translation>模型目錄：適合這台電腦的模型與下載（Ctrl+Shift+M）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="430"/>
        <location filename="../../ideaforge/ui/main_window.py" line="580"/>
        <source>Generate ideas</source>
        <translation>產生點子</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="432"/>
        <source>Let the local model write ideas (Ctrl+G)</source>
        <translation>讓本機模型寫點子（Ctrl+G）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="435"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="437"/>
        <source>Stop; ideas already written are kept (Esc)</source>
        <translation>停止；已寫好的點子會保留（Esc）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="445"/>
        <source>Rejected outputs…</source>
        <translation>被濾除的輸出…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="447"/>
        <source>What the filters threw away in the last run, and why</source>
        <translation>上次執行時篩選器濾除了什麼，以及原因</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="456"/>
        <source>Ideas:</source>
        <translation>點子數：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="457"/>
        <source>Lenses:</source>
        <translation>視角：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="458"/>
        <source>Creativity:</source>
        <translation>創意度：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="459"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="505"/>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="506"/>
        <location filename="../../ideaforge/ui/main_window.py" line="592"/>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="511"/>
        <source>&amp;Join a workshop…</source>
        <translation>加入工作坊(&amp;J)…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="514"/>
        <source>&amp;Import ideas…</source>
        <translation>匯入點子(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="515"/>
        <source>&amp;Export…</source>
        <translation>匯出(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="518"/>
        <source>Open the &amp;sample session</source>
        <translation>開啟範例場次(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="521"/>
        <source>&amp;Models…</source>
        <translation>模型(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="527"/>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="528"/>
        <source>&amp;Undo</source>
        <translation>復原(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="530"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="540"/>
        <source>&amp;Find ideas</source>
        <translation>尋找點子(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="542"/>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="555"/>
        <source>&amp;Workshop panel</source>
        <translation>工作坊面板(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="558"/>
        <source>&amp;Presenter view</source>
        <translation>簡報檢視(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="561"/>
        <source>&amp;Language</source>
        <translation>語言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="573"/>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="574"/>
        <source>&amp;Shortcuts and help</source>
        <translation>快速鍵與說明(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="578"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="578"/>
        <source>Add the idea typed in the field</source>
        <translation>新增欄位中輸入的點子</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="579"/>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="579"/>
        <source>Cancel generation</source>
        <translation>取消產生</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="580"/>
        <source>Ctrl+G</source>
        <translation>Ctrl+G</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="581"/>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="581"/>
        <source>Analyse: duplicates, themes, map</source>
        <translation>分析：重複、主題、地圖</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="582"/>
        <source>1-9, 0, Del</source>
        <translation>1-9, 0, Del</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="582"/>
        <source>Score matrix: score the current cell, or clear it</source>
        <translation>評分矩陣：為目前的儲存格評分或清除</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="583"/>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="583"/>
        <source>Decide: record the decision</source>
        <translation>決策：記錄決策</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="595"/>
        <source>The interface language changes the next time IdeaForge starts.</source>
        <translation>介面語言會在下次啟動 IdeaForge 時變更。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="600"/>
        <source>Show &amp;pruned and merged ideas</source>
        <translation>顯示已淘汰與已合併的點子(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="675"/>
        <source>All lenses (varied)</source>
        <translation>所有視角（混合）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="693"/>
        <source>Where the model runs (set with --device or IDEAFORGE_DEVICE)</source>
        <translation>模型的執行位置（可用 --device 或 IDEAFORGE_DEVICE 設定）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="748"/>
        <source>Plain (the default in Chinese)</source>
        <translation>一般（中文場次的預設）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="750"/>
        <source>Lenses made the model&apos;s Chinese ideas worse, so sessions in Chinese use the plain prompt unless you tick lenses.</source>
        <translation>視角反而讓模型的中文點子變差，所以中文場次使用一般提示，除非你勾選視角。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="762"/>
        <source>%1 lenses</source>
        <translation>%1 個視角</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="788"/>
        <source>IdeaForge</source>
        <translation>IdeaForge</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="830"/>
        <source>Edit session &apos;%1&apos;</source>
        <translation>編輯場次「%1」</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="836"/>
        <source>Decision records (MADR Markdown, a folder)</source>
        <translation>決策紀錄（MADR Markdown，一個資料夾）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="837"/>
        <source>Report (one HTML file)</source>
        <translation>報告（單一 HTML 檔）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="838"/>
        <source>Ideas table (CSV for spreadsheets)</source>
        <translation>點子表格（試算表用 CSV）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="839"/>
        <source>Whole session (IdeaForge JSON)</source>
        <translation>整個場次（IdeaForge JSON）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="848"/>
        <source>Export</source>
        <translation>匯出</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="848"/>
        <source>What to write:</source>
        <translation>要匯出的內容：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="857"/>
        <source>Folder for the decision records</source>
        <translation>決策紀錄要存放的資料夾</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="863"/>
        <source>Export to</source>
        <translation>匯出至</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ideaforge/ui/main_window.py" line="875"/>
        <source>Exported %n file(s) to %1</source>
        <translation>
            <numerusform>已匯出 %n 個檔案至 %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="881"/>
        <source>Import ideas</source>
        <translation>匯入點子</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="882"/>
        <source>Ideas (*.txt *.csv *.json);;All files (*)</source>
        <translation>點子 (*.txt *.csv *.json);;所有檔案 (*)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ideaforge/ui/main_window.py" line="900"/>
        <source>Imported %n idea(s) (encoding %1)</source>
        <translation>
            <numerusform>已匯入 %n 個點子（編碼 %1）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="937"/>
        <source>Delete session</source>
        <translation>刪除場次</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="939"/>
        <source>Delete &apos;%1&apos; with its %2 ideas, scores and decisions?

This cannot be undone. The audit log keeps a note that it existed.</source>
        <translation>要刪除「%1」及其共 %2 筆點子、評分與決策嗎？

此動作無法復原。稽核紀錄會註明它曾經存在。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="974"/>
        <source>Move to %1</source>
        <translation>移至%1階段</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="982"/>
        <source>Diverge</source>
        <translation>發散</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="983"/>
        <source>Converge</source>
        <translation>收斂</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="984"/>
        <source>Decide</source>
        <translation>決策</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="985"/>
        <source>Closed</source>
        <translation>已結束</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="995"/>
        <source>Phase: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>階段：&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="1001"/>
        <source>◂ Back to %1</source>
        <translation>◂ 回到%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="1006"/>
        <source>Move on to %1 ▸</source>
        <translation>進入%1 ▸</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="1035"/>
        <source>Starting the model…</source>
        <translation>正在啟動模型…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="1042"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="1051"/>
        <source>about %1 s left</source>
        <translation>約剩 %1 秒</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="1056"/>
        <source>%1 ideas/s</source>
        <translation>每秒 %1 個點子</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="1075"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="1098"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="1099"/>
        <source>Generation failed</source>
        <translation>產生點子失敗</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="1138"/>
        <source>Add idea</source>
        <translation>新增點子</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="1277"/>
        <source>Scored %1 on %2</source>
        <translation>已在「%2」評 %1 分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="1300"/>
        <source>Vote on idea #%1</source>
        <translation>投票給點子 #%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="1300"/>
        <source>Take a dot from idea #%1</source>
        <translation>從點子 #%1 收回一個點數</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="1309"/>
        <source>Your dots on #%1: %2</source>
        <translation>你在 #%1 上的點數：%2</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="1317"/>
        <source>Join a workshop</source>
        <translation>加入工作坊</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="1318"/>
        <source>Join code from the facilitator (IF1-…):</source>
        <translation>主持人提供的加入代碼（IF1-…）：</translation>
    </message>
</context>
<context>
    <name>MapWidget</name>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="72"/>
        <source>Hover for the text · click to select · drag a box to select many</source>
        <translation>滑鼠停留可看內容 · 按一下選取 · 拖曳方框可選取多個</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="135"/>
        <source>Analyse to see the map</source>
        <translation>分析後即可看到地圖</translation>
    </message>
</context>
<context>
    <name>ModelPrepBanner</name>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="87"/>
        <source>Open the sample session</source>
        <translation>開啟範例場次</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="89"/>
        <source>A finished brainstorm to look around in while the model is prepared</source>
        <translation>一場已完成的腦力激盪，可在模型準備期間先瀏覽</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="92"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="94"/>
        <source>Stop preparing; it starts again when you press Generate</source>
        <translation>停止準備；按下「產生點子」時會重新開始</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="97"/>
        <source>Try again</source>
        <translation>再試一次</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="99"/>
        <source>Use the tiny model</source>
        <translation>改用小型模型</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="102"/>
        <source>SmolLM2 135M: needs 2 GB of memory and 1 GB of disk; English only, weaker ideas</source>
        <translation>SmolLM2 135M：需要 2 GB 記憶體與 1 GB 磁碟空間；僅限英文，點子品質較弱</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="106"/>
        <source>Models…</source>
        <translation>模型…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="110"/>
        <source>Hide this message</source>
        <translation>隱藏此訊息</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="170"/>
        <source>this happens once</source>
        <translation>只需一次</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="171"/>
        <source>it was built by another version and is built again</source>
        <translation>它是由其他版本建置的，將重新建置</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="172"/>
        <source>its files were damaged and it is built again</source>
        <translation>它的檔案已損壞，將重新建置</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="176"/>
        <source>Getting the model %1 ready for %2 (%3). The window is yours meanwhile: open the sample session, add your own ideas, or press Generate to start as soon as the model is ready.</source>
        <translation>正在為 %2 準備模型 %1（%3）。這段時間視窗可以照常使用：開啟範例場次、加入自己的點子，或按下「產生點子」，模型一準備好就會開始。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="187"/>
        <source>Measured: %1 min on a 2-core PC; the estimate adapts to this computer</source>
        <translation>實測：在雙核心電腦上約 %1 分鐘；估計會依這台電腦的速度調整</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="191"/>
        <source>Starting…</source>
        <translation>開始中…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="207"/>
        <source>Stopping…</source>
        <translation>停止中…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="255"/>
        <source>The model %1 is ready. Press Generate (Ctrl+G) to let it write ideas.</source>
        <translation>模型 %1 已準備好。按下「產生點子」（Ctrl+G）讓它寫點子。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="260"/>
        <source>Ready</source>
        <translation>已就緒</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="276"/>
        <source>Preparing the model was stopped; nothing half-built was kept. It starts again when you press Generate, or now with Try again.</source>
        <translation>已停止準備模型；沒有保留任何未完成的檔案。按下「產生點子」時會重新開始，或現在按「再試一次」。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/first_run.py" line="283"/>
        <source>The model could not be prepared: %1</source>
        <translation>無法準備模型：%1</translation>
    </message>
</context>
<context>
    <name>ModelsWindow</name>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="172"/>
        <source>The download stopped unexpectedly: %1</source>
        <translation>下載意外中止：%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="395"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="407"/>
        <source>Looking at this computer…</source>
        <translation>正在檢查這台電腦…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="413"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="414"/>
        <source>Traditional Chinese (繁體中文)</source>
        <translation>繁體中文</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="416"/>
        <source>The recommendation picks a model that writes this</source>
        <translation>推薦會挑選能寫這種語言的模型</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="418"/>
        <source>Show models that do not fit</source>
        <translation>顯示不適合的模型</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="420"/>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="448"/>
        <source>&amp;Download…</source>
        <translation>下載(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="450"/>
        <source>Shows the licence, then downloads, checks and installs the model</source>
        <translation>先顯示授權，再下載、檢查並安裝模型</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="453"/>
        <source>&amp;Use this model</source>
        <translation>使用這個模型(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="455"/>
        <source>Delete partial download</source>
        <translation>刪除未完成的下載</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="474"/>
        <location filename="../../ideaforge/ui/models_window.py" line="795"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="475"/>
        <location filename="../../ideaforge/ui/models_window.py" line="797"/>
        <source>Writes</source>
        <translation>語言</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="476"/>
        <location filename="../../ideaforge/ui/models_window.py" line="647"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="477"/>
        <location filename="../../ideaforge/ui/models_window.py" line="647"/>
        <source>GPU (CUDA)</source>
        <translation>GPU（CUDA）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="478"/>
        <location filename="../../ideaforge/ui/models_window.py" line="799"/>
        <source>Source</source>
        <translation>來源</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="492"/>
        <source>U&amp;se</source>
        <translation>使用(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="494"/>
        <source>&amp;Verify</source>
        <translation>驗證(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="496"/>
        <source>Check the installed files against their sizes and SHA-256 checksums</source>
        <translation>依檔案大小與 SHA-256 總和檢查碼檢查已安裝的檔案</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="499"/>
        <source>&amp;Remove…</source>
        <translation>移除(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="511"/>
        <source>Catalogue</source>
        <translation>目錄</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="512"/>
        <source>Installed</source>
        <translation>已安裝</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="521"/>
        <location filename="../../ideaforge/ui/models_window.py" line="893"/>
        <location filename="../../ideaforge/ui/models_window.py" line="909"/>
        <source>&amp;Pause</source>
        <translation>暫停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="524"/>
        <source>Cancel download</source>
        <translation>取消下載</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="526"/>
        <source>Stops the download; what was downloaded is kept to resume later</source>
        <translation>停止下載；已下載的部分會保留，之後可繼續</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="546"/>
        <source>Recommend for:</source>
        <translation>推薦語言：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="607"/>
        <source>NVIDIA GPU: %1</source>
        <translation>NVIDIA GPU：%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="611"/>
        <source>no usable NVIDIA GPU (%1)</source>
        <translation>沒有可用的 NVIDIA GPU（%1）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="613"/>
        <source>This computer: %1 memory (%2 free now), %3 free disk for models in %4, %5.</source>
        <translation>這台電腦：記憶體 %1（目前可用 %2），%4 的模型可用磁碟空間 %3，%5。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="622"/>
        <source>Active model: %1 · %2</source>
        <translation>目前模型：%1 · %2</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="635"/>
        <source>No model in the catalogue that writes this language fits this computer. Tick &quot;Show models that do not fit&quot; to see why.</source>
        <translation>目錄中能寫這種語言的模型都不適合這台電腦。勾選「顯示不適合的模型」可查看原因。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="644"/>
        <source>Recommended: %1 — the largest model that fits this computer and writes this language (%2B parameters, %3)</source>
        <translation>推薦：%1 — 適合這台電腦且能寫這種語言的最大模型（%2B 參數，%3）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="655"/>
        <source>speed not known</source>
        <translation>速度未知</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="657"/>
        <source>about %1 ideas/min (estimated)</source>
        <translation>每分鐘約 %1 個點子（估計）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="659"/>
        <source>about %1 ideas/min (measured)</source>
        <translation>每分鐘約 %1 個點子（實測）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="696"/>
        <source>built in</source>
        <translation>內建</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="696"/>
        <source>imported</source>
        <translation>匯入</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="709"/>
        <source>ready</source>
        <translation>就緒</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="711"/>
        <source>prepared on first use</source>
        <translation>首次使用時準備</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="757"/>
        <source>GGUF, converted for ONNX Runtime when installed</source>
        <translation>GGUF，安裝時轉換給 ONNX Runtime 使用</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="759"/>
        <source>a ready-made ONNX Runtime build, used as published</source>
        <translation>現成的 ONNX Runtime 版本，依發布原樣使用</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="764"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="764"/>
        <source>must be accepted before download</source>
        <translation>下載前須先接受</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="767"/>
        <source>gated: needs HF_TOKEN</source>
        <translation>存取受限：需要 HF_TOKEN</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="773"/>
        <source>(revision not pinned)</source>
        <translation>（版本未固定）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="776"/>
        <source>ships in the packages %1</source>
        <translation>隨套件 %1 提供</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="779"/>
        <source>sizes and SHA-256 checksums from public records</source>
        <translation>大小與 SHA-256 總和檢查碼取自公開紀錄</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="781"/>
        <source>not verified here: size and SHA-256 are recorded on first download and checked from then on</source>
        <translation>此處未驗證：首次下載時記錄大小與 SHA-256，之後每次都會檢查</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="784"/>
        <source>%1 to run</source>
        <translation>執行需 %1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="786"/>
        <source>%1 to convert</source>
        <translation>轉換需 %1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="787"/>
        <source>%1 of disk</source>
        <translation>磁碟 %1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="790"/>
        <source>fits this computer</source>
        <translation>適合這台電腦</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="792"/>
        <source>does not fit: %1</source>
        <translation>不適合：%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="798"/>
        <source>Licence</source>
        <translation>授權</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="800"/>
        <source>Files</source>
        <translation>檔案</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="801"/>
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="802"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="803"/>
        <source>Here</source>
        <translation>本機</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="806"/>
        <source>Notes</source>
        <translation>備註</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="836"/>
        <source>Downloading %1</source>
        <translation>正在下載 %1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="839"/>
        <source>Connecting…</source>
        <translation>連線中…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="860"/>
        <source>Downloading %1:</source>
        <translation>正在下載 %1：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="873"/>
        <source>nothing received for %1 s</source>
        <translation>已 %1 秒沒有收到資料</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="881"/>
        <source>Converting %1</source>
        <translation>正在轉換 %1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="888"/>
        <source>&amp;Resume</source>
        <translation>繼續(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="889"/>
        <source>Pausing…</source>
        <translation>暫停中…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="898"/>
        <source>Stopping…</source>
        <translation>停止中…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="917"/>
        <source>Installed %1 for %2 in %3.</source>
        <translation>已將 %1（%2）安裝到 %3。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="922"/>
        <source>It is now the active model.</source>
        <translation>它現在是目前使用的模型。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="932"/>
        <source>Download stopped. What was downloaded is kept: choose Download again to resume, or Delete partial download.</source>
        <translation>下載已停止。已下載的部分會保留：再按「下載」可繼續，或按「刪除未完成的下載」。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="952"/>
        <source>Deleted the partial download of %1 (%2).</source>
        <translation>已刪除 %1 未完成的下載（%2）。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="983"/>
        <source>%1 is now the active model.</source>
        <translation>%1 現在是目前使用的模型。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="1001"/>
        <source>%1 is not prepared yet: nothing to check.</source>
        <translation>%1 尚未準備：沒有可檢查的檔案。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="1008"/>
        <source>Remove %1 from the models folder? A built-in model is prepared again on next use; a downloaded one must be downloaded again.</source>
        <translation>要從模型資料夾移除 %1 嗎？內建模型會在下次使用時重新準備；下載的模型則須重新下載。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models_window.py" line="1013"/>
        <source>Remove model</source>
        <translation>移除模型</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ideaforge/ui/models_window.py" line="1025"/>
        <source>Removed %1 (%n folder(s)).</source>
        <translation>
            <numerusform>已移除 %1（%n 個資料夾）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewSessionDialog</name>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="32"/>
        <source>Edit session</source>
        <translation>編輯場次</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="32"/>
        <source>New session</source>
        <translation>新增腦力激盪場次</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="34"/>
        <source>Optional: a short name (else the challenge)</source>
        <translation>選填：簡短名稱（未填則使用挑戰）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="36"/>
        <source>How might we …?</source>
        <translation>我們可以如何……？</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="38"/>
        <source>Optional: what should the chosen idea achieve?</source>
        <translation>選填：選定的點子應該達成什麼？</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="40"/>
        <source>Optional: the values that should guide the choice</source>
        <translation>選填：引導選擇的價值觀</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="44"/>
        <source>Detect from the challenge</source>
        <translation>依挑戰自動判斷</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="45"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="46"/>
        <source>Traditional Chinese (繁體中文)</source>
        <translation>繁體中文</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="47"/>
        <source>Mixed (English and Chinese)</source>
        <translation>混合（英文與中文）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="49"/>
        <source>The language ideas are generated, checked and grouped in</source>
        <translation>點子產生、檢查與歸類時使用的語言</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="52"/>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="53"/>
        <source>Challenge</source>
        <translation>挑戰</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="54"/>
        <source>Intent</source>
        <translation>意圖</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="55"/>
        <source>Values</source>
        <translation>價值觀</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="56"/>
        <source>Language</source>
        <translation>語言</translation>
    </message>
</context>
<context>
    <name>OptionsModel</name>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="58"/>
        <source>Considered</source>
        <translation>已考量</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="58"/>
        <source>Chosen</source>
        <translation>已選定</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="58"/>
        <source>Idea</source>
        <translation>點子</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="58"/>
        <source>Score</source>
        <translation>評分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="59"/>
        <source>Votes</source>
        <translation>票數</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="59"/>
        <source>Source</source>
        <translation>來源</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="143"/>
        <source>Weighed in this decision</source>
        <translation>在此決策中納入權衡</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="144"/>
        <source>Chosen in this decision (answer its checklist)</source>
        <translation>在此決策中選定（須填寫其檢核表）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="145"/>
        <source>Weighted total 0–100, resting on %1% of the criteria weight</source>
        <translation>加權總分 0–100，依據 %1% 的評分準則權重</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="147"/>
        <source>Dot votes from everyone</source>
        <translation>所有人的圓點投票</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/decide.py" line="149"/>
        <source>From: %1</source>
        <translation>來源：%1</translation>
    </message>
</context>
<context>
    <name>PresenterView</name>
    <message>
        <location filename="../../ideaforge/ui/presenter.py" line="24"/>
        <source>IdeaForge · Presenter</source>
        <translation>IdeaForge · 簡報</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/presenter.py" line="56"/>
        <source>F11 full screen · Esc close</source>
        <translation>F11 全螢幕 · Esc 關閉</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/presenter.py" line="83"/>
        <source>No session</source>
        <translation>沒有場次</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/presenter.py" line="94"/>
        <source>%1 ideas in play</source>
        <translation>%1 個進行中的點子</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/presenter.py" line="98"/>
        <source>%1 private ideas from %2 people, until they are revealed</source>
        <translation>%2 人的 %1 個私人點子，揭曉前不公開</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/presenter.py" line="103"/>
        <source>%1 of %2 have voted</source>
        <translation>%2 人中已有 %1 人投票</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/presenter.py" line="108"/>
        <source>%1 of %2 have scored</source>
        <translation>%2 人中已有 %1 人評分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/presenter.py" line="121"/>
        <source>Dot votes</source>
        <translation>點數投票結果</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/presenter.py" line="122"/>
        <source>Where people disagree most</source>
        <translation>意見最分歧之處</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/presenter.py" line="123"/>
        <source>Results appear here once the facilitator reveals them.</source>
        <translation>主持人揭曉後，結果會顯示在這裡。</translation>
    </message>
</context>
<context>
    <name>PruneDialog</name>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="104"/>
        <source>Duplicate of another idea</source>
        <translation>與其他點子重複</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="105"/>
        <source>Off-topic</source>
        <translation>離題</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="106"/>
        <source>Too vague to act on</source>
        <translation>太模糊，無法執行</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="107"/>
        <source>Not feasible for us</source>
        <translation>我們做不到</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="108"/>
        <source>Against our values</source>
        <translation>違背我們的價值觀</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="109"/>
        <source>Unsafe or harmful</source>
        <translation>不安全或有害</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="118"/>
        <source>Prune idea</source>
        <translation>淘汰點子</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="125"/>
        <source>Why is it set aside?</source>
        <translation>淘汰的原因是什麼？</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="128"/>
        <source>Reason (recorded with the decision):</source>
        <translation>原因（會與此決定一併記錄）：</translation>
    </message>
</context>
<context>
    <name>RejectedDialog</name>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="73"/>
        <source>Rejected outputs</source>
        <translation>被濾除的輸出</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="81"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="81"/>
        <source>Lens</source>
        <translation>視角</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/main_window.py" line="81"/>
        <source>Output</source>
        <translation>輸出</translation>
    </message>
</context>
<context>
    <name>ScoreMatrixModel</name>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="230"/>
        <source>%1 (avg %2)</source>
        <translation>%1 (平均 %2)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="231"/>
        <source>(avg %1)</source>
        <translation>(平均 %1)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="385"/>
        <source>Idea</source>
        <translation>點子</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="387"/>
        <source>Total</source>
        <translation>總分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="386"/>
        <source>Votes</source>
        <translation>票數</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="386"/>
        <source>Your dots</source>
        <translation>你的點數</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="388"/>
        <source>★</source>
        <translation>★</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="392"/>
        <source>higher is better</source>
        <translation>越高越好</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="394"/>
        <source>lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="397"/>
        <source>Your score on %1 (%2–%3, %4, weight %5); everyone&apos;s average in brackets when it differs</source>
        <translation>你在「%1」的評分（%2–%3，%4，權重 %5）；所有人的平均與你不同時，顯示在括號中</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="404"/>
        <source>The idea; hover a row for its full text and source</source>
        <translation>點子；滑鼠停在列上可看完整內容與來源</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="405"/>
        <source>Hidden until the facilitator reveals them</source>
        <translation>主持人揭曉前隱藏</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="407"/>
        <source>Weighted total of everyone&apos;s scores, 0–100</source>
        <translation>所有人評分的加權總分，0–100</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="410"/>
        <source>Dot votes from everyone</source>
        <translation>所有人的圓點投票</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="413"/>
        <source>Your own dots; everyone&apos;s are hidden until the facilitator reveals them</source>
        <translation>只有你自己的點數；所有人的點數在主持人揭曉前隱藏</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="415"/>
        <source>★ = shortlisted</source>
        <translation>★ = 已入圍</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="451"/>
        <source>%1 %2–%3 · keys 1–9 score, 0 clears, F2 types any value</source>
        <translation>%1 %2–%3 · 按 1–9 評分，0 清除，F2 輸入任意數值</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="458"/>
        <source>Everyone: %1 ± %2</source>
        <translation>所有人：%1 ± %2</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="461"/>
        <source>People disagree here: worth discussing</source>
        <translation>大家在這裡意見分歧，值得討論</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="469"/>
        <source>From: %1</source>
        <translation>來源：%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="478"/>
        <source>Not scored yet</source>
        <translation>尚未評分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="479"/>
        <source>Rests on %1% of the criteria weight</source>
        <translation>依據 %1% 的評分準則權重</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="496"/>
        <source>Shortlisted</source>
        <translation>已入圍</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="496"/>
        <source>In play</source>
        <translation>仍在考慮中</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring_models.py" line="513"/>
        <source>&apos;%1&apos; is not a number. Type a score from %2 to %3, or nothing to clear it.</source>
        <translation>「%1」不是數字。請輸入 %2 到 %3 的分數，或留白以清除評分。</translation>
    </message>
</context>
<context>
    <name>ScorePanel</name>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="66"/>
        <source>The criteria ideas are scored on. Double-click a cell to change it.</source>
        <translation>點子評分所依據的評分準則。按兩下儲存格即可修改。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="68"/>
        <source>Add criterion…</source>
        <translation>新增評分準則…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="69"/>
        <source>Add a criterion such as cost, risk or reach</source>
        <translation>新增評分準則，例如成本、風險或觸及範圍</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="71"/>
        <location filename="../../ideaforge/ui/scoring.py" line="451"/>
        <source>Delete criterion</source>
        <translation>刪除評分準則</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="73"/>
        <source>Delete the selected criterion and its scores (Undo brings them back)</source>
        <translation>刪除選取的評分準則及其評分（可用「復原」找回）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="110"/>
        <source>Keys 1–9 score the current cell and move down; 0 or Delete clears; F2 or double-click types any value</source>
        <translation>按 1–9 為目前的儲存格評分並移到下一列；按 0 或 Delete 清除；按 F2 或按兩下可輸入任意數值</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="118"/>
        <source>Filter ideas…</source>
        <translation>篩選點子…</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="120"/>
        <source>Show only ideas containing this text</source>
        <translation>只顯示包含此文字的點子</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="122"/>
        <source>Shortlisted only</source>
        <translation>僅限入圍</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="123"/>
        <source>Show only shortlisted (★) ideas</source>
        <translation>只顯示已入圍（★）的點子</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="126"/>
        <source>Ideas shown / ideas in play</source>
        <translation>顯示的點子數／仍在考慮中的點子數</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="140"/>
        <source>Each dot is an idea at everyone&apos;s average scores; orange dots are shortlisted. Click a dot to find it in the matrix.</source>
        <translation>每個圓點代表一個點子，位置依所有人的平均分數而定；橘色圓點為已入圍。按一下圓點即可在矩陣中找到它。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="145"/>
        <source>Criterion across (effort-like: cost to do it)</source>
        <translation>橫軸評分準則（類似投入心力：執行的成本）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="147"/>
        <source>Criterion up (impact-like: what it changes)</source>
        <translation>縱軸評分準則（類似影響力：能帶來的改變）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="151"/>
        <source>Ideas need an average on both criteria to appear</source>
        <translation>點子須在兩項評分準則都有平均分數才會出現</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="153"/>
        <source>Across:</source>
        <translation>橫軸：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="155"/>
        <source>Up:</source>
        <translation>縱軸：</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ideaforge/ui/scoring.py" line="280"/>
        <source>%n ideas</source>
        <translation>
            <numerusform>%n 個點子</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="282"/>
        <source>%1 of %2</source>
        <translation>顯示 %1／共 %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ideaforge/ui/scoring.py" line="331"/>
        <source>%n ideas not yet scored on both</source>
        <translation>
            <numerusform>%n 個點子尚未在這兩項都有評分</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="399"/>
        <source>Change criterion %1</source>
        <translation>修改評分準則「%1」</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="433"/>
        <source>Add criterion %1</source>
        <translation>新增評分準則「%1」</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="447"/>
        <source>Select a criterion to delete first.</source>
        <translation>請先選取要刪除的評分準則。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="452"/>
        <source>Delete the criterion &apos;%1&apos; and everyone&apos;s scores on it? Undo brings them back.</source>
        <translation>要刪除評分準則「%1」以及所有人在此項的評分嗎？可用「復原」找回。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="465"/>
        <source>Delete criterion %1</source>
        <translation>刪除評分準則「%1」</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/scoring.py" line="470"/>
        <source>IdeaForge</source>
        <translation>IdeaForge</translation>
    </message>
</context>
<context>
    <name>SelfTest</name>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="82"/>
        <source>ok (%1 s): %2</source>
        <translation>完成（%1 秒）：%2</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="119"/>
        <source>%1 did not finish within %2 s.</source>
        <translation>%1 未在 %2 秒內完成。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="140"/>
        <source>Files of the app are missing: %1</source>
        <translation>缺少應用程式的檔案：%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="142"/>
        <source>%1 lenses, translations and the model catalogue</source>
        <translation>%1 個思考視角、翻譯與模型目錄</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="153"/>
        <source>The main window did not appear.</source>
        <translation>主視窗沒有出現。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="164"/>
        <source>The new session could not be opened in the window.</source>
        <translation>無法在視窗中開啟新的場次。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="174"/>
        <source>The Generate button is not enabled.</source>
        <translation>「產生點子」按鈕未啟用。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="184"/>
        <source>Generating</source>
        <translation>產生點子</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="190"/>
        <source>The model wrote no usable idea (%1).</source>
        <translation>模型沒有寫出可用的點子（%1）。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="193"/>
        <source>The window lists %1 ideas, the database has %2.</source>
        <translation>視窗列出 %1 個點子，資料庫中有 %2 個。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="209"/>
        <source>desktop bundle</source>
        <translation>桌面安裝包</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="209"/>
        <source>run by Python</source>
        <translation>由 Python 執行</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="212"/>
        <source>IdeaForge %1 self-test (%2; Python %3, Qt %4, %5)</source>
        <translation>IdeaForge %1 自我檢測（%2；Python %3、Qt %4、%5）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="221"/>
        <source>Open a database in %1</source>
        <translation>在 %1 開啟資料庫</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="222"/>
        <source>Find the app&apos;s files</source>
        <translation>尋找應用程式的檔案</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="223"/>
        <source>Show the main window</source>
        <translation>顯示主視窗</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="224"/>
        <source>Create a session</source>
        <translation>建立場次</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="225"/>
        <source>Generate %1 ideas with %2 (prepared first if needed)</source>
        <translation>用 %2 產生 %1 個點子（必要時先準備模型）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="236"/>
        <source>Self-test FAILED at step %1 (%2): %3</source>
        <translation>自我檢測在第 %1 步（%2）失敗：%3</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/selftest.py" line="244"/>
        <source>Self-test passed in %1 s.</source>
        <translation>自我檢測通過，用時 %1 秒。</translation>
    </message>
</context>
<context>
    <name>SessionListModel</name>
    <message>
        <location filename="../../ideaforge/ui/models.py" line="79"/>
        <source>diverge</source>
        <translation>發散</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models.py" line="79"/>
        <source>converge</source>
        <translation>收斂</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models.py" line="80"/>
        <source>decide</source>
        <translation>決策</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/models.py" line="80"/>
        <source>closed</source>
        <translation>已結束</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ideaforge/ui/models.py" line="81"/>
        <source>%n ideas</source>
        <translation>
            <numerusform>%n 個點子</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <location filename="../../ideaforge/ui/undo.py" line="102"/>
        <source>Clear score of idea #%1 on %2</source>
        <translation>清除點子 #%1 的「%2」評分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/undo.py" line="104"/>
        <source>Score idea #%1 on %2</source>
        <translation>為點子 #%1 的「%2」評分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/undo.py" line="148"/>
        <source>Prune idea #%1</source>
        <translation>淘汰點子 #%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/undo.py" line="149"/>
        <source>Restore idea #%1</source>
        <translation>恢復點子 #%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/undo.py" line="150"/>
        <source>Shortlist idea #%1</source>
        <translation>點子 #%1 入圍</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/undo.py" line="151"/>
        <source>Merge idea #%1</source>
        <translation>合併點子 #%1</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <location filename="../../ideaforge/ui/converge.py" line="46"/>
        <source>Analysis stopped unexpectedly: %1</source>
        <translation>分析意外中止：%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workers.py" line="88"/>
        <source>Generation stopped unexpectedly: %1</source>
        <translation>產生點子意外中止：%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workers.py" line="113"/>
        <source>Finished</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workers.py" line="114"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workers.py" line="115"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workers.py" line="116"/>
        <source>Running</source>
        <translation>執行中</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workers.py" line="118"/>
        <source>%1: %2 ideas kept, %3 outputs rejected · %4 ideas/min · %5 s on %6 · %7 tokens · ≈%8 Wh (assumed %9 W)</source>
        <translation>%1：保留 %2 個點子，剔除 %3 個輸出 · 每分鐘 %4 個點子 · 在 %6 上花了 %5 秒 · %7 個 token · 約 %8 Wh（假設功率 %9 W）</translation>
    </message>
</context>
<context>
    <name>Workshop</name>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="25"/>
        <source>Silent ideation</source>
        <translation>安靜發想</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="26"/>
        <source>Model generation</source>
        <translation>模型生成</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="27"/>
        <source>Dedupe and themes</source>
        <translation>去重與主題</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="28"/>
        <source>Dot voting</source>
        <translation>點數投票</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="29"/>
        <source>Criteria scoring</source>
        <translation>依準則評分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="30"/>
        <source>Discussion</source>
        <translation>討論</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="31"/>
        <source>Decision</source>
        <translation>決策</translation>
    </message>
</context>
<context>
    <name>WorkshopPanel</name>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="94"/>
        <source>Start workshop</source>
        <translation>開始工作坊</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="96"/>
        <source>Hide votes and scores until you reveal them, and begin with silent ideation</source>
        <translation>在你揭曉前隱藏投票與評分，並從安靜發想開始</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="99"/>
        <source>Finish workshop</source>
        <translation>結束工作坊</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="100"/>
        <source>Reveal everything and work as a solo session</source>
        <translation>揭曉全部內容，改為個人場次</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="107"/>
        <source>Several people on one machine: pick who is acting, or type a new name</source>
        <translation>多人共用一台電腦：選擇目前操作的人，或輸入新名字</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="117"/>
        <source>Others join with this code (it holds the connection string and session)</source>
        <translation>其他人用這組代碼加入（內含連線字串與場次）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="119"/>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="141"/>
        <source> min</source>
        <translation> 分鐘</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="142"/>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="146"/>
        <location filename="../../ideaforge/ui/workshop.py" line="311"/>
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="148"/>
        <source>+1 min</source>
        <translation>+1 分鐘</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="150"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="157"/>
        <source>Anonymous votes</source>
        <translation>匿名投票</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="158"/>
        <source>Apply</source>
        <translation>套用</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="161"/>
        <source>Reveal ideas</source>
        <translation>揭曉點子</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="162"/>
        <source>Show everyone&apos;s private ideas to all (for good)</source>
        <translation>把每個人的私人點子公開給所有人（無法再隱藏）</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="164"/>
        <source>Reveal votes</source>
        <translation>揭曉投票</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="169"/>
        <source>Reveal scores</source>
        <translation>揭曉評分</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="176"/>
        <source>Who has joined, and how far along they are</source>
        <translation>誰已加入，以及各自的進度</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="179"/>
        <source>Presenter view (F5)</source>
        <translation>簡報檢視 (F5)</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="188"/>
        <source>Acting as:</source>
        <translation>目前操作者：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="192"/>
        <source>Join code:</source>
        <translation>加入代碼：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="194"/>
        <source>&lt;b&gt;Activity&lt;/b&gt;</source>
        <translation>&lt;b&gt;活動&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="202"/>
        <source>&lt;b&gt;Dot voting&lt;/b&gt;</source>
        <translation>&lt;b&gt;點數投票&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="204"/>
        <source>Dots each:</source>
        <translation>每人點數：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="206"/>
        <source>Per idea:</source>
        <translation>每個點子上限：</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="218"/>
        <source>&lt;b&gt;People&lt;/b&gt;</source>
        <translation>&lt;b&gt;參與者&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="258"/>
        <source>Pick a session.</source>
        <translation>請選擇一個場次。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="261"/>
        <source>Solo session: everything is visible. Start a workshop to run it with others (results stay hidden until you reveal them).</source>
        <translation>個人場次：所有內容皆可見。開始工作坊即可與他人一起進行（結果在你揭曉前保持隱藏）。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="267"/>
        <source>&lt;b&gt;Workshop&lt;/b&gt; · %1</source>
        <translation>&lt;b&gt;工作坊&lt;/b&gt; · %1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="267"/>
        <source>no activity</source>
        <translation>沒有進行中的活動</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="273"/>
        <source>Only the facilitator can do this</source>
        <translation>只有主持人可以這麼做</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="311"/>
        <source>Resume</source>
        <translation>繼續</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="317"/>
        <source>facilitator</source>
        <translation>主持人</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="319"/>
        <source>voted</source>
        <translation>已投票</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="321"/>
        <source>scored %1</source>
        <translation>已評分 %1 項</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="323"/>
        <source>private ideas: %1</source>
        <translation>私人點子：%1</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="331"/>
        <source>You have %1 of %2 dots left (%3 on one idea at most). V puts a dot on the selected idea, Shift+V takes one back.</source>
        <translation>你還有 %1／%2 個點數（每個點子最多 %3 個）。V 在選取的點子上放一個點數，Shift+V 收回一個。</translation>
    </message>
    <message>
        <location filename="../../ideaforge/ui/workshop.py" line="355"/>
        <location filename="../../ideaforge/ui/workshop.py" line="397"/>
        <source>Workshop</source>
        <translation>工作坊</translation>
    </message>
</context>
</TS>
